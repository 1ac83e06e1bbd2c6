using Diagnose.Expressions;
using NUnit.Framework;

namespace Diagnose.Tests.Expressions;

/// <summary>Each operator family against the same C# written here (over variables, not constants): same value, same static type.</summary>
public sealed class OperatorTests
{
    private static readonly int I = 7;
    private static readonly long L = 5;
    private static readonly double D = 2.5;
    private static readonly decimal M = 1.5m;
    private static readonly uint U = 3;
    private static readonly byte B = 200;
    private static readonly short S = -3;
    private static readonly float F = 1.5f;
    private static readonly ulong UL = 10;
    private static readonly char C = 'a';
    private static readonly bool T = true;
    private static readonly string Str = "ab";
    private static readonly int? Ni = 4;
    private static readonly int? Nn = null;
    private static readonly DateTime Dt = new(2024, 1, 31, 12, 0, 0);
    private static readonly TimeSpan Ts = TimeSpan.FromHours(36);
    private static readonly OrderStatus E = OrderStatus.Paid;
    private static readonly Features Fl = Features.Gift | Features.Express;

    private static TestScope Scope() => TestScope.Empty
        .With("i", I).With("l", L).With("d", D).With("m", M).With("u", U).With("b", B).With("s", S).With("f", F)
        .With("ul", UL).With("c", C).With("t", T).With("str", Str).With("ni", Ni).With("nn", Nn).With("dt", Dt)
        .With("ts", Ts).With("e", E).With("fl", Fl);

    private static TestCaseData Case<TResult>(string source, TResult expected) =>
        new TestCaseData(source, expected, typeof(TResult)).SetArgDisplayNames(source);

    private static IEnumerable<TestCaseData> Arithmetic()
    {
        yield return Case("i + l", I + L);
        yield return Case("i * d", I * D);
        yield return Case("i / 2", I / 2);
        yield return Case("i % 4", I % 4);
        yield return Case("-i", -I);
        yield return Case("+b", +B);
        yield return Case("-u", -U);
        yield return Case("b + b", B + B);
        yield return Case("s * 2", S * 2);
        yield return Case("u + 1", U + 1);
        yield return Case("u + i", U + I);
        yield return Case("ul + 1", UL + 1);
        yield return Case("ul > 5", UL > 5);
        yield return Case("m * i", M * I);
        yield return Case("m / 4", M / 4);
        yield return Case("f * 2", F * 2);
        yield return Case("f + d", F + D);
        yield return Case("c + 1", C + 1);
        yield return Case("1.0 / 0", 1.0 / 0);
        yield return Case("10 / 4 * 2.0", 10 / 4 * 2.0);
        yield return Case("2 + 3 * 4 - 1", 2 + 3 * 4 - 1);
        yield return Case("(2 + 3) * 4", (2 + 3) * 4);
        yield return Case("5 - 3 - 1", 5 - 3 - 1);
        yield return Case("100 / 10 / 2", 100 / 10 / 2);
        yield return Case("i % 3 * 2", I % 3 * 2);
        yield return Case("-d * -2", -D * -2);
    }

    private static IEnumerable<TestCaseData> BitwiseAndLogical()
    {
        yield return Case("i << 3", I << 3);
        yield return Case("l >> 1", L >> 1);
        yield return Case("1 << 2 + 1", 1 << 2 + 1);
        yield return Case("b << 1", B << 1);
        yield return Case("~i", ~I);
        yield return Case("~u", ~U);
        yield return Case("i & 3", I & 3);
        yield return Case("i | 8", I | 8);
        yield return Case("i ^ 2", I ^ 2);
        yield return Case("t & false", T & false);
        yield return Case("t | false", T | false);
        yield return Case("t ^ t", T ^ T);
        yield return Case("!t", !T);
        yield return Case("i > 3 && l < 10", I > 3 && L < 10);
        yield return Case("i < 3 || d > 2", I < 3 || D > 2);
        yield return Case("1 + 2 == 3 && 4 > 3 || false", 1 + 2 == 3 && 4 > 3 || false);
        yield return Case("i > 5 == true", I > 5 == true);
        yield return Case("i & 1 | 8 ^ 2", I & 1 | 8 ^ 2);
    }

    private static IEnumerable<TestCaseData> Comparisons()
    {
        yield return Case("i == 7", I == 7);
        yield return Case("d != 2.5", D != 2.5);
        yield return Case("i >= 7", I >= 7);
        yield return Case("l <= 4", L <= 4);
        yield return Case("i < l", I < L);
        yield return Case("c == 'a'", C == 'a');
        yield return Case("c < 'b'", C < 'b');
        yield return Case("m > 1", M > 1);
        yield return Case("m == 1.5m", M == 1.5m);
        yield return Case("t == true", T == true);
        yield return Case("str == \"ab\"", Str == "ab");
        yield return Case("str != \"a\" + \"b\"", Str != "a" + "b");
        yield return Case("e == Diagnose.Tests.Expressions.OrderStatus.Paid", E == OrderStatus.Paid);
        yield return Case("e > Diagnose.Tests.Expressions.OrderStatus.New", E > OrderStatus.New);
        yield return Case("(fl & Diagnose.Tests.Expressions.Features.Gift) != 0", (Fl & Features.Gift) != 0);
        yield return Case("fl | Diagnose.Tests.Expressions.Features.Gift", Fl | Features.Gift);
        yield return Case("e + 1", E + 1);
        yield return Case("e - Diagnose.Tests.Expressions.OrderStatus.New", E - OrderStatus.New);
        yield return Case("~fl", ~Fl);
        yield return Case("dt < dt.AddDays(1)", Dt < Dt.AddDays(1));
    }

    private static IEnumerable<TestCaseData> StringsNullablesAndConditionals()
    {
        yield return Case("str + i", Str + I);
        yield return Case("i + str", I + Str);
        yield return Case("str + null", Str + null);
        yield return Case("str + c", Str + C);
        yield return Case("str + d", Str + D);
        yield return Case("\"x\" + t", "x" + T);
        yield return Case("str + 1 + 2", Str + 1 + 2);
        yield return Case("1 + 2 + str", 1 + 2 + Str);
        yield return Case("str + ni + nn", Str + Ni + Nn);
        yield return Case("ni + 1", Ni + 1);
        yield return Case("nn + 1", Nn + 1);
        yield return Case("ni > 3", Ni > 3);
        yield return Case("nn > 3", Nn > 3);
        yield return Case("nn == null", Nn == null);
        yield return Case("ni == 4", Ni == 4);
        yield return Case("nn ?? 9", Nn ?? 9);
        yield return Case("ni ?? 9", Ni ?? 9);
        yield return Case("nn ?? ni", Nn ?? Ni);
        yield return Case("ni * l", Ni * L);
        yield return Case("-ni", -Ni);
        yield return Case("t ? 1 : 2", T ? 1 : 2);
        yield return Case("t ? 1 : 2.5", T ? 1 : 2.5);
        yield return Case("false ? 1 : i > 5 ? 2 : 3", false ? 1 : I > 5 ? 2 : 3);
        yield return Case("t ? str : null", T ? Str : null);
        yield return Case("null ?? str", null ?? Str);
    }

    private static IEnumerable<TestCaseData> UserDefinedOperators()
    {
        yield return Case("dt + ts", Dt + Ts);
        yield return Case("dt - dt", Dt - Dt);
        yield return Case("dt - ts", Dt - Ts);
        yield return Case("ts * 2", Ts * 2);
        yield return Case("-ts", -Ts);
        yield return Case("ts > TimeSpan.Zero", Ts > TimeSpan.Zero);
    }

    private static IEnumerable<TestCaseData> CastsAndTypeTests()
    {
        yield return Case("(int)d", (int)D);
        yield return Case("(long)i", (long)I);
        yield return Case("(byte)(i + 250)", unchecked((byte)(I + 250)));
        yield return Case("(double)i / 2", (double)I / 2);
        yield return Case("(char)(c + 1)", (char)(C + 1));
        yield return Case("(int)(object)i", (int)(object)I);
        yield return Case("(string)(object)str", (string)(object)Str);
        yield return Case("(Diagnose.Tests.Expressions.OrderStatus)2", (OrderStatus)2);
        yield return Case("(int)e", (int)E);
        yield return Case("(int?)i", (int?)I);
        yield return Case("(decimal)d", (decimal)D);
        yield return Case("(int)m", (int)M);
        yield return Case("(float)d", (float)D);
        yield return Case("str is string", true);
        yield return Case("(object)i is int", (object)I is int);
        yield return Case("(object)str is int", (object)Str is int);
        yield return Case("(object)str as string", (object)Str as string);
        yield return Case("nn is null", Nn is null);
        yield return Case("ni is not null", Ni is not null);
        yield return Case("(object)i is not string", (object)I is not string);
        yield return Case("(object)i is int ? 1 : 2", (object)I is int ? 1 : 2);
        yield return Case("(object)str as string ?? \"none\"", (object)Str as string ?? "none");
        yield return Case("typeof(int)", typeof(int));
        yield return Case("typeof(List<string>).Name", typeof(List<string>).Name);
        yield return Case("typeof(int[,]).Name", typeof(int[,]).Name);
        yield return Case("default(int)", default(int));
        yield return Case("default(string)", default(string));
    }

    [TestCaseSource(nameof(Arithmetic))]
    [TestCaseSource(nameof(BitwiseAndLogical))]
    [TestCaseSource(nameof(Comparisons))]
    [TestCaseSource(nameof(StringsNullablesAndConditionals))]
    [TestCaseSource(nameof(UserDefinedOperators))]
    [TestCaseSource(nameof(CastsAndTypeTests))]
    public void AnOperatorGivesTheValueAndStaticTypeCSharpGives(string source, object? expected, Type type)
    {
        var scope = Scope();
        Assert.That(scope.Bind(source).Type, Is.EqualTo(type));
        Assert.That(scope.Evaluate(source), Is.EqualTo(expected));
    }

    [TestCase("str < str", "operator '<' cannot be applied to operands of type 'string' and 'string' at 4 in \"str < str\"")]
    [TestCase("m + d", "operator '+' cannot be applied to operands of type 'decimal' and 'double' at 2 in \"m + d\"")]
    [TestCase("ul + i", "operator '+' cannot be applied to operands of type 'ulong' and 'int' at 3 in \"ul + i\"")]
    [TestCase("!i", "operator '!' cannot be applied to an operand of type 'int' at 0 in \"!i\"")]
    [TestCase("i ?? 1", "operator '??' cannot be applied to a 'int', which is never null at 2 in \"i ?? 1\"")]
    [TestCase("t ? 1 : str", "'?:' has no common type for 'int' and 'string' at 2 in \"t ? 1 : str\"")]
    [TestCase("i && t", "cannot convert 'int' to 'bool' at 2 in \"i && t\"")]
    [TestCase("(string)i", "cannot convert 'int' to 'string' at 0 in \"(string)i\"")]
    [TestCase("i?.ToString()", "operator '?.' cannot be applied to a 'int', which is never null at 1 in \"i?.ToString()\"")]
    public void AnOperatorCSharpRejectsIsABindingError(string source, string message) =>
        Assert.That(Scope().ErrorOf(source), Is.EqualTo(message));

    [Test]
    public void IntegerDivisionByZeroThrowsAtRunTimeAsInCSharp() =>
        Assert.Throws<DivideByZeroException>(() => Scope().Evaluate("i / (i - 7)"));

    [Test]
    public void AndAlsoDoesNotEvaluateItsRightSideWhenTheLeftIsFalse() =>
        Assert.That(Scope().Evaluate("nn != null && nn.Value > 0"), Is.False);
}
