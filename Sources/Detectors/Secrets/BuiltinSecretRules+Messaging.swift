import ScanReport

extension BuiltinSecretRules {
    /// Chat platforms, webhooks and AI providers.
    static let messaging: [SecretRule] = [
        .token("slack-token", "Slack", .high, "Slack token", keywords: ["xoxb-", "xoxa-", "xoxp-", "xoxr-", "xoxs-", "xoxe-", "xoxo-"],
               "xox[abeoprs]-[0-9A-Za-z-]{10,250}"),
        .token("slack-app-token", "Slack", .high, "Slack app-level token", keywords: ["xapp-"], "xapp-[0-9]-[A-Z0-9]+-[0-9]+-[a-z0-9]+"),
        SecretRule(id: "slack-webhook", category: "Slack", severity: .medium, title: "Slack incoming webhook", keywords: ["hooks.slack.com"],
                   regex: #"https://hooks\.slack\.com/(?:services|workflows|triggers)/(?<secret>[A-Za-z0-9+/]{40,60})"#, confidence: .high),
        SecretRule(id: "discord-webhook", category: "Discord", severity: .medium, title: "Discord webhook", keywords: ["/api/webhooks/"],
                   regex: #"https://(?:ptb\.|canary\.)?discord(?:app)?\.com/api/webhooks/[0-9]+/(?<secret>[A-Za-z0-9_-]{60,})"#, confidence: .high),
        .keyed("discord-api-token", "Discord", .medium, "Discord API key", keywords: ["discord"], name: "discord", value: "[a-h0-9]{64}"),
        .keyed("discord-client-id", "Discord", .medium, "Discord client ID", keywords: ["discord"], name: "discord", value: "[0-9]{18}"),
        .keyed("discord-client-secret", "Discord", .medium, "Discord client secret", keywords: ["discord"], name: "discord", value: "[a-z0-9=_-]{32}"),
        .keyed("telegram-bot-token", "Telegram", .high, "Telegram bot token", keywords: ["telegram", "tgbot", "bot_token"],
               name: "telegram|tgbot|bot_token", value: "[0-9]{8,10}:[A-Za-z0-9_-]{35}"),
        SecretRule(id: "msteams-webhook", category: "Microsoft", severity: .medium, title: "Microsoft Teams incoming webhook",
                   keywords: ["webhook.office.com"],
                   regex: #"https://[a-z0-9-]+\.webhook\.office\.com/webhookb2/(?<secret>[A-Za-z0-9@/_-]{40,})"#),
        .keyed("messagebird-api-token", "MessageBird", .medium, "MessageBird API token", keywords: ["messagebird"],
               name: "messagebird", value: "[a-z0-9]{25}"),
        .token("openai-api-key", "OpenAI", .critical, "OpenAI API key", keywords: ["t3blbkfj"],
               "sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{16,}T3BlbkFJ[A-Za-z0-9_-]{16,}"),
        .token("anthropic-api-key", "Anthropic", .critical, "Anthropic API key", keywords: ["sk-ant-"],
               "sk-ant-(?:api|admin)[0-9]{2}-[A-Za-z0-9_-]{80,}"),
        .token("hugging-face-access-token", "HuggingFace", .critical, "Hugging Face access token", keywords: ["hf_"], "hf_[A-Za-z0-9]{34,40}"),
        .token("hugging-face-org-token", "HuggingFace", .critical, "Hugging Face organization token", keywords: ["api_org_"],
               "api_org_[A-Za-z0-9]{34}"),
        .token("groq-api-key", "Groq", .high, "Groq API key", keywords: ["gsk_"], "gsk_[A-Za-z0-9]{52}"),
        .token("replicate-api-token", "Replicate", .high, "Replicate API token", keywords: ["r8_"], "r8_[A-Za-z0-9]{37}"),
        .token("perplexity-api-key", "Perplexity", .high, "Perplexity API key", keywords: ["pplx-"], "pplx-[A-Za-z0-9]{48}"),
    ]
}
