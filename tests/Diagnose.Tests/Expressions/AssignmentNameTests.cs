using System.Linq.Expressions;
using Diagnose.Expressions;
using NUnit.Framework;

namespace Diagnose.Tests.Expressions;

/// <summary>
/// Assignment errors name what the user wrote, not the expression a scope stands for it (a probe site's
/// parameters are called <c>v0_Argument0</c>…).
/// </summary>
public sealed class AssignmentNameTests
{
    [TestCase("i = 5", "assigning 'i' is not allowed (side effects) at 0 in \"i = 5\"")]
    [TestCase("i += 1", "assigning 'i' is not allowed (side effects) at 0 in \"i += 1\"")]
    [TestCase("i++", "assigning 'i' is not allowed (side effects) at 0 in \"i++\"")]
    [TestCase("wide = 5", "assigning 'wide' is not allowed (side effects) at 0 in \"wide = 5\"")]
    public void AssigningAContextNameIsRefusedByTheNameWritten(string source, string message) =>
        Assert.That(Error(source, ExpressionOptions.Default), Is.EqualTo(message));

    [TestCase("i = 5", "cannot assign to 'i' at 0 in \"i = 5\"")]
    [TestCase("wide = 5", "cannot assign to 'wide' at 0 in \"wide = 5\"")]
    public void InUnrestrictedModeAValueThatCannotBeWrittenIsNamedAsWritten(string source, string message) =>
        Assert.That(Error(source, new ExpressionOptions { Unrestricted = true }), Is.EqualTo(message));

    private static string Error(string source, ExpressionOptions options) =>
        Assert.Throws<ExpressionException>(() => ExpressionCompiler.Bind(ExpressionCompiler.Parse(source), new SiteLikeScope(), options))!.Message;

    /// <summary>Names as a probe site gives them: its own parameters, some seen through a conversion.</summary>
    private sealed class SiteLikeScope : IExpressionScope
    {
        private readonly ParameterExpression argument = Expression.Parameter(typeof(int), "v0_Argument0");
        private readonly ParameterExpression local = Expression.Parameter(typeof(object), "v1_Local3");

        public Expression? Resolve(string name) => name switch
        {
            "i" => argument,
            "wide" => Expression.Convert(local, typeof(long)),
            _ => null,
        };
    }
}
