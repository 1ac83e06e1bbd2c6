using NUnit.Framework;

namespace Diagnose.Tests.Expressions;

/// <summary>Conversions to object box: a struct's own implicit conversion to a class is never used for them.</summary>
public sealed class ConversionTests
{
    [Test]
    public void AStructWithAnImplicitConversionToAClassBoxesWhenConvertedToObject()
    {
        var scope = TestScope.Empty.With("w", new Wrapper(7));

        Assert.That(scope.Evaluate("(object)w"), Is.EqualTo(new Wrapper(7)));
        Assert.That(scope.Evaluate("new { t = w }.ToString()"), Is.EqualTo("{ t = Wrapper(7) }"));
        Assert.That(scope.Evaluate("$\"{w}\""), Is.EqualTo("Wrapper(7)"));
    }

    [Test]
    public void TheImplicitConversionStillAppliesToItsOwnTargetType()
    {
        var scope = TestScope.Empty.With("w", new Wrapper(7));

        Assert.That(scope.Evaluate("((Diagnose.Tests.Expressions.ConversionTests.Block)w).Size"), Is.EqualTo(7));
    }

    public sealed class Block(int size)
    {
        public int Size { get; } = size;
    }

    public readonly record struct Wrapper(int Size)
    {
        public static implicit operator Block(Wrapper wrapper) => new(wrapper.Size);

        public override string ToString() => $"Wrapper({Size})";
    }
}
