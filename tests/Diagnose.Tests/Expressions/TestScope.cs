using System.Linq.Expressions;
using System.Reflection;
using Diagnose.Expressions;
using NUnit.Framework;

namespace Diagnose.Tests.Expressions;

/// <summary>
/// A scope of typed variables for expression tests: each variable is a lambda parameter of its declared type;
/// <see cref="Evaluate"/> parses, binds, compiles and runs an expression over them.
/// </summary>
internal sealed class TestScope : IExpressionScope
{
    private readonly List<(ParameterExpression Parameter, object? Value)> variables = [];

    /// <summary>Every name the binder asked for, in order.</summary>
    public List<string> Asked { get; } = [];

    public ExpressionOptions Options { get; init; } = ExpressionOptions.Default;

    /// <summary>What <see cref="WhyMissing"/> answers; none by default.</summary>
    public Func<string, string?> Hint { get; init; } = _ => null;

    public IEnumerable<string> Names => variables.Select(v => v.Parameter.Name!);

    public static TestScope Empty => new();

    public TestScope With<T>(string name, T value)
    {
        variables.Add((Expression.Parameter(typeof(T), name), value));
        return this;
    }

    public Expression? Resolve(string name)
    {
        Asked.Add(name);
        return variables.FirstOrDefault(v => v.Parameter.Name == name).Parameter;
    }

    public string? WhyMissing(string name) => Hint(name);

    public Expression Bind(string source) => ExpressionCompiler.Bind(ExpressionCompiler.Parse(source), this, Options);

    public Delegate Compile(string source) => Compile(ExpressionCompiler.Parse(source));

    public Delegate Compile(ParsedExpression parsed) =>
        Expression.Lambda(ExpressionCompiler.Bind(parsed, this, Options), variables.Select(v => v.Parameter)).Compile();

    public object? Evaluate(string source) => Evaluate(ExpressionCompiler.Parse(source));

    /// <summary>Binds, compiles and runs an expression parsed (and perhaps rewritten) beforehand.</summary>
    public object? Evaluate(ParsedExpression parsed)
    {
        try
        {
            return Compile(parsed).DynamicInvoke(variables.Select(v => v.Value).ToArray());
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw e.InnerException;
        }
    }

    /// <summary>Evaluates and checks that the expression's static type is <typeparamref name="T"/> itself.</summary>
    public T Evaluate<T>(string source)
    {
        var type = Bind(source).Type;
        Assert.That(type, Is.EqualTo(typeof(T)), $"static type of {source}");
        return (T)Evaluate(source)!;
    }

    /// <summary>The binding or parsing error's message.</summary>
    public string ErrorOf(string source) => Assert.Throws<ExpressionException>(() => Evaluate(source))!.Message;
}
