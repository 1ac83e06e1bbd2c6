using Diagnose.Expressions;
using NUnit.Framework;

namespace Diagnose.Tests.Expressions
{
    public sealed class TypeNameTests
    {
        private static TestScope Scope() => TestScope.Empty.With("o", (object)Shapes.Circle(1)).With("n", (object)5);

        [Test]
        public void WhereOnlyATypeCanStandAUniqueSimpleNameFromAnyNamespaceIsEnough()
        {
            Assert.That(Scope().Evaluate("((IShape)o).Area"), Is.EqualTo(Math.PI));
            Assert.That(Scope().Evaluate("o is IShape"), Is.True);
            Assert.That(Scope().Evaluate("typeof(IShape).FullName"), Is.EqualTo(typeof(IShape).FullName));
        }

        [Test]
        public void AnAmbiguousSimpleNameIsReportedWithItsCandidates() =>
            Assert.That(Scope().ErrorOf("(Twin)o"), Does.StartWith("'Twin' is ambiguous: Diagnose.Tests.Expressions.Twins.").And.EndWith(" at 1 in \"(Twin)o\""));

        [Test]
        public void KeywordGenericArrayAndNullableTypesResolve()
        {
            Assert.That(Scope().Evaluate("typeof(Dictionary<string, List<int?>>)"), Is.EqualTo(typeof(Dictionary<string, List<int?>>)));
            Assert.That(Scope().Evaluate("typeof(int[][,])"), Is.EqualTo(typeof(int[][,])));
            Assert.That(Scope().Evaluate("typeof(Diagnose.Tests.Expressions.Order.Line)"), Is.EqualTo(typeof(Order.Line)));
            Assert.That(Scope().Evaluate("(int?)n"), Is.EqualTo(5));
        }

        [Test]
        public void AnUnknownTypeIsReportedWithItsPosition() =>
            Assert.That(Scope().ErrorOf("o is Nowhere.Thing"), Is.EqualTo("unknown type 'Nowhere.Thing' at 5 in \"o is Nowhere.Thing\""));
    }
}

namespace Diagnose.Tests.Expressions.Twins.A
{
    public sealed class Twin;
}

namespace Diagnose.Tests.Expressions.Twins.B
{
    public sealed class Twin;
}
