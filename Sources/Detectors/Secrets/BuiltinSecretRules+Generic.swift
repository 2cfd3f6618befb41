import ScanReport

extension BuiltinSecretRules {
    /// Characters a bare credential value may hold in the generic rules (`&` ends a value, as
    /// in a query string `token=…&state=…`).
    static let value = #"(?![A-Za-z_][A-Za-z0-9_]*=)[^\s"'`$<>{}()\[\];,&\\]"#
    /// The value must end at a quote, whitespace, a separator or the end of the line.
    static let valueEnd = #"(?=["'`]|\s|$|[,;&])"#
    /// A key name ending in one of `names`, as a whole word or after `_`, `.` or `-`.
    static func keyName(_ names: String) -> String {
        #"(?i)(?<![a-z0-9])(?:[a-z0-9_.-]{0,30}[_.-])?(?:"# + names + #")["']?\s*(?::=|=>|=|:)\s*["'`]?"#
    }
    /// `scheme://user:password@host`.
    static func url(_ schemes: String) -> String {
        #"(?i)(?<![a-z0-9])(?:"# + schemes + #")://[^\s:@/"'<>]{0,64}:(?<secret>[^\s:@/"'`$%{}<>]{3,128})@[A-Za-z0-9._-]+"#
    }

    /// Private keys, tokens with a standard shape, connection strings and generic assignments.
    static let keysAndGeneric: [SecretRule] = [
        SecretRule(id: "private-key", category: "AsymmetricPrivateKey", severity: .high, title: "Asymmetric private key",
                   keywords: ["private key"],
                   regex: #"-----BEGIN[ A-Z0-9_-]{0,40}PRIVATE KEY(?: BLOCK)?-----(?<secret>[A-Za-z0-9+/=\\\s:,.-]{40,}?)-----END[ A-Z0-9_-]{0,40}PRIVATE KEY"#,
                   multiline: true, confidence: .high),
        SecretRule(id: "putty-private-key", category: "AsymmetricPrivateKey", severity: .high, title: "PuTTY private key",
                   keywords: ["putty-user-key-file-"],
                   regex: #"PuTTY-User-Key-File-[0-9]+:[^\r\n]+[\s\S]{0,4000}?Private-Lines:\s*[0-9]+\s+(?<secret>[A-Za-z0-9+/=]{20,})"#,
                   multiline: true, confidence: .high),
        .token("jwt-token", "JWT", .medium, "JSON Web Token", keywords: [".eyj"],
               #"eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}"#, confidence: .medium),
        SecretRule(id: "postgres-connection-string", category: "Database", severity: .high,
                   title: "PostgreSQL connection string with password", keywords: ["postgres"],
                   regex: url(#"postgres(?:ql)?(?:\+[a-z0-9]+)?"#), rejectPlaceholders: true),
        SecretRule(id: "mysql-connection-string", category: "Database", severity: .high,
                   title: "MySQL / MariaDB connection string with password", keywords: ["mysql", "mariadb"],
                   regex: url(#"mysql(?:\+[a-z0-9]+)?|mariadb"#), rejectPlaceholders: true),
        SecretRule(id: "mongodb-connection-string", category: "Database", severity: .high,
                   title: "MongoDB connection string with password", keywords: ["mongodb"],
                   regex: url(#"mongodb(?:\+srv)?"#), rejectPlaceholders: true),
        SecretRule(id: "redis-connection-string", category: "Database", severity: .high,
                   title: "Redis connection string with password", keywords: ["redis"],
                   regex: url("rediss?"), rejectPlaceholders: true),
        SecretRule(id: "amqp-connection-string", category: "Database", severity: .high,
                   title: "AMQP (RabbitMQ) connection string with password", keywords: ["amqp"],
                   regex: url("amqps?"), rejectPlaceholders: true),
        SecretRule(id: "jdbc-connection-string", category: "Database", severity: .high,
                   title: "JDBC / SQL Server connection string with password", keywords: ["jdbc:", "password=", "pwd="],
                   regex: #"(?i)(?:jdbc:[a-z0-9]+:[^\s"']*?|server=[^\s"';]+;[^\s"']*?)(?:password|pwd)=(?<secret>[^\s;&"'$%{}<>]{3,128})"#,
                   rejectPlaceholders: true),
        SecretRule(id: "url-basic-auth", category: "Generic", severity: .high, title: "Password in a URL",
                   keywords: ["://"], regex: url("https?|ftps?|sftp|ldaps?|smtps?|git|svn"), rejectPlaceholders: true),
        SecretRule(id: "basic-auth-header", category: "Generic", severity: .high, title: "HTTP Basic authorization header",
                   keywords: ["authorization"],
                   regex: #"(?i)authorization["']?\s*[:=]\s*["']?basic\s+(?<secret>[A-Za-z0-9+/]{12,}={0,2})"#),
        SecretRule(id: "bearer-token", category: "Generic", severity: .medium, title: "HTTP bearer token",
                   keywords: ["bearer "], regex: #"(?i)\bbearer\s+(?<secret>[A-Za-z0-9_.~+/-]{20,}=*)"#,
                   minEntropy: 3.5, rejectPlaceholders: true, confidence: .low),
        SecretRule(id: "generic-password", category: "Generic", severity: .high, title: "Hard-coded password",
                   keywords: ["password", "passwd", "pass", "pwd"],
                   regex: keyName("password|passwd|pass|pwd") + "(?<secret>" + value + "{8,128})" + valueEnd,
                   minEntropy: 3.0, rejectPlaceholders: true, confidence: .low),
        SecretRule(id: "generic-secret", category: "Generic", severity: .high, title: "Hard-coded secret",
                   keywords: ["secret", "private_key", "privatekey", "signing_key", "encryption_key"],
                   regex: keyName("secret|secret_?key|client_?secret|private_?key|signing_?key|encryption_?key")
                       + "(?<secret>" + value + "{12,256})" + valueEnd,
                   minEntropy: 3.5, rejectPlaceholders: true, confidence: .low),
        SecretRule(id: "generic-api-key", category: "Generic", severity: .medium, title: "Hard-coded API key or token",
                   keywords: ["api_key", "apikey", "api-key", "access_key", "accesskey", "token"],
                   regex: keyName("api_?key|api-key|access_?key|auth_?token|access_?token|api_?token|token")
                       + "(?<secret>" + value + "{16,256})" + valueEnd,
                   minEntropy: 3.5, rejectPlaceholders: true, confidence: .low),
    ]
}
