namespace Diagnose.Expressions;

/// <summary>What a <see cref="Token"/> is. Punctuators are named after their characters.</summary>
internal enum TokenKind
{
    EndOfInput,
    Identifier,
    Keyword,
    /// <summary>A number, string or char literal; <see cref="Token.Value"/> holds the typed value.</summary>
    Literal,
    /// <summary><c>$"…"</c>; <see cref="Token.Value"/> holds its <see cref="InterpolationPart"/>s.</summary>
    InterpolatedString,

    Plus, PlusPlus, PlusEquals,
    Minus, MinusMinus, MinusEquals,
    Star, StarEquals,
    Slash, SlashEquals,
    Percent, PercentEquals,
    Amp, AmpAmp, AmpEquals,
    Bar, BarBar, BarEquals,
    Caret, CaretEquals,
    Bang, BangEquals,
    Tilde,
    Equals, EqualsEquals, Arrow,
    Less, LessEquals, LessLess, LessLessEquals,
    /// <summary>'>' is always single: the parser joins adjacent '>' '>' into a shift (as C# does for generics).</summary>
    Greater, GreaterEquals,
    Question, QuestionQuestion, QuestionQuestionEquals, QuestionDot,
    Colon, Comma, Dot,
    OpenParen, CloseParen, OpenBracket, CloseBracket, OpenBrace, CloseBrace,
}
