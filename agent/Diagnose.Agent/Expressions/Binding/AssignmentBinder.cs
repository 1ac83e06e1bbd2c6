using System.Linq.Expressions;

namespace Diagnose.Expressions;

/// <summary>
/// Assignments (<c>=</c>, compound <c>+=</c>…, <c>??=</c>) and increments: refused in restricted mode with the
/// member named; in unrestricted mode written to fields, properties with setters and indexers.
/// </summary>
internal static class AssignmentBinder
{
    public static Expression Bind(AssignmentSyntax assignment, Binder binder)
    {
        var target = Target(assignment.Target, binder);
        var value = binder.BindValue(assignment.Value);
        var context = binder.Context;
        var assigned = assignment.Operator switch
        {
            null => value,
            BinaryOperator.Coalesce => binder.Coalesce(target, value, assignment.Position),
            var op => OperatorBinder.Binary(op.Value, target, value, assignment.Position, context),
        };
        return Expression.Assign(target, Conversions.Explicit(assigned, target.Type, assignment.Position, context));
    }

    public static Expression BindIncrement(UnarySyntax unary, Binder binder)
    {
        var target = Target(unary.Operand, binder);
        if (!NumericTypes.IsNumeric(Conversions.Unwrap(target.Type)))
        {
            throw binder.Context.Error($"operator '{OperatorBinder.Symbol(unary.Operator)}' needs a number, not '{TypeNames.Display(target.Type)}'", unary.Position);
        }

        return unary.Operator switch
        {
            UnaryOperator.PreIncrement => Expression.PreIncrementAssign(target),
            UnaryOperator.PreDecrement => Expression.PreDecrementAssign(target),
            UnaryOperator.PostIncrement => Expression.PostIncrementAssign(target),
            _ => Expression.PostDecrementAssign(target),
        };
    }

    private static Expression Target(Syntax syntax, Binder binder)
    {
        var target = binder.BindValue(syntax);
        var context = binder.Context;
        // A name as the user wrote it: a context name's expression is the probe site's own parameter (v0_Argument0…).
        var name = (syntax, target) switch
        {
            (NameSyntax written, _) => written.Name,
            (_, MemberExpression member) => TypeNames.Display(member.Member),
            (_, IndexExpression { Indexer: { } indexer }) => TypeNames.Display(indexer.DeclaringType!) + "[…]",
            (_, BinaryExpression { NodeType: ExpressionType.ArrayIndex }) => "an array element",
            _ => null,
        };
        if (!context.Unrestricted)
        {
            throw context.Error($"assigning {(name is null ? "a value" : $"'{name}'")} is not allowed (side effects)", syntax.Position);
        }

        return target switch
        {
            MemberExpression { Member: System.Reflection.FieldInfo { IsInitOnly: false, IsLiteral: false } } => target,
            MemberExpression { Member: System.Reflection.PropertyInfo { CanWrite: true } } => target,
            IndexExpression { Indexer.CanWrite: true } => target,
            BinaryExpression { NodeType: ExpressionType.ArrayIndex } index => Expression.ArrayAccess(index.Left, index.Right),
            _ => throw context.Error($"cannot assign to {(name is null ? "this expression" : $"'{name}'")}", syntax.Position),
        };
    }
}
