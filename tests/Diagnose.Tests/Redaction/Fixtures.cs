namespace Diagnose.Tests.Redaction
{
    // Types whose values the redaction tests render.
    public sealed record Login(string User, string Password);

    public sealed record Wrapper(Login Login, int Attempts);

    public readonly record struct Header(string Name, string ApiKey);

    /// <summary>A class that prints its own secret in ToString.</summary>
    public sealed class Connection(string host, string password)
    {
        private readonly string _password = password;

        public string Host { get; } = host;

        public override string ToString() => $"Connection to {Host} with {_password}";
    }

    /// <summary>A class with a secret and no ToString of its own: it prints its type name.</summary>
    public sealed class Account
    {
        public string Token { get; set; } = "tok-123";
    }

    public static class Accounts
    {
        public static string GetPassword(string user) => user + "-pw";

        public static string Login(string user, string password) => user + password;
    }
}

namespace Diagnose.Tests.Redaction.Secrets
{
    public class ApiCredentials
    {
        public override string ToString() => "key-42";
    }

    public sealed class Box<T>(T value)
    {
        public override string ToString() => $"Box({value})";
    }

    public static class Vault
    {
        public sealed class Entry
        {
            public override string ToString() => "entry";
        }
    }
}
