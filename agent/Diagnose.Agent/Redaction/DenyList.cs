namespace Diagnose.Redaction;

/// <summary>
/// The names whose values never leave the process, as they read after normalisation (see <see cref="NameRule"/>):
/// credentials, keys and tokens, session and request secrets, payment data and personal identifiers.
/// </summary>
internal static class DenyList
{
    public static IReadOnlyList<string> BuiltIn { get; } =
    [
        // passwords
        "password", "passwd", "pwd", "pw", "pswd", "passphrase", "passcode", "userpassword", "dbpassword",
        "adminpassword", "rootpassword", "mysqlpwd", "passwordhash",

        // secrets and keys
        "secret", "secrets", "clientsecret", "appsecret", "apisecret", "consumersecret", "sharedsecret",
        "webhooksecret", "secretkey", "privatekey", "privkey", "signingkey", "encryptionkey", "masterkey",
        "licensekey", "accesskey", "secretaccesskey", "accountkey", "subscriptionkey", "sharedaccesskey",
        "sharedaccesssignature", "sshkey", "pgpkey", "gpgkey", "hmackey", "apikey", "xapikey", "appkey",
        "applicationkey", "credential", "credentials", "creds",

        // tokens, sessions, headers
        "token", "accesstoken", "refreshtoken", "idtoken", "authtoken", "apitoken", "bearertoken", "bearer",
        "sessiontoken", "securitytoken", "oauthtoken", "xauthtoken", "personalaccesstoken", "sastoken", "jwt",
        "authorization", "proxyauthorization", "cookie", "cookies", "setcookie", "sessionid", "sessionkey",
        "phpsessid", "jsessionid", "csrf", "csrftoken", "xcsrftoken", "xsrf", "xsrftoken", "antiforgerytoken",

        // connection strings
        "connectionstring", "connstr", "connstring", "databaseurl", "dburl", "dsn",

        // one-time codes and answers
        "otp", "totp", "hotp", "mfacode", "verificationcode", "recoverycode", "backupcode", "resetcode",
        "securitycode", "securityanswer", "pin", "pincode",

        // payment and personal data
        "creditcard", "creditcardnumber", "cardnumber", "ccnumber", "cvv", "cvv2", "cvc", "iban", "accountnumber",
        "bankaccount", "routingnumber", "ssn", "socialsecuritynumber", "nationalid", "passportnumber", "taxid",
    ];
}
