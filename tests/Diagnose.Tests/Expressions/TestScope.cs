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

    public Expression Bind(string source) => ExpressionCompiler.Bind(ExpressionCompiler.Parse(source), this, Options);

    public Delegate Compile(string source) =>
        Expression.Lambda(Bind(source), variables.Select(v => v.Parameter)).Compile();

    public object? Evaluate(string source)
    {
        try
        {
            return Compile(source).DynamicInvoke(variables.Select(v => v.Value).ToArray());
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
