namespace Sample
{
    /// <summary>A login request as web apps have them: a record that holds a password.</summary>
    public sealed record LoginRequest(string User, string Password);

    /// <summary>A method whose parameters, fields and properties hold secrets (the redaction tests probe it).</summary>
    public sealed class Auth
    {
        private readonly string _apiKey = "key-9f8e7d";

        public string Login(string user, string password, LoginRequest request, Dictionary<string, string> headers, Secrets.LicenseKey license, string internalId) =>
            password.Length > 0 && request.User == user && headers.Count > 0 && license.ToString().Length > 0 && internalId.Length > 0 && _apiKey.Length > 0
                ? $"welcome {user}"
                : "denied";
    }
}

namespace Sample.Secrets
{
    /// <summary>A type whose every value is secret (redacted by DIAGNOSE_REDACT_TYPES=Sample.Secrets.*).</summary>
    public sealed class LicenseKey(string value)
    {
        public override string ToString() => value;
    }
}
