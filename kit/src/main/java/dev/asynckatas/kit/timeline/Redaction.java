package dev.asynckatas.kit.timeline;

import java.util.regex.Pattern;

/**
 * Keeps secrets out of timelines, failure messages and logs: Authorization headers, bearer tokens and
 * token-like parameters ({@code token=...}, {@code "access_token": "..."}) are replaced by {@value #REDACTED}.
 */
public final class Redaction {

    public static final String REDACTED = "[redacted]";

    private static final Pattern AUTHORIZATION =
            Pattern.compile("(?i)((?:proxy-)?authorization\\s*+[:=]\\s*+)(?!\\[redacted])([^,;()\\]\\n]+)");
    private static final Pattern BEARER = Pattern.compile("(?i)(bearer\\s+)[A-Za-z0-9._~+/=-]+");
    private static final Pattern TOKEN_PARAMETER =
            Pattern.compile("(?i)((?:access_|api_|auth_|refresh_)?token|password|secret)(\"?\\s*[=:]\\s*\"?)([^&\\s\"',;]+)");

    private Redaction() {
    }

    /** The text with every secret it recognises replaced. */
    public static String redact(String text) {
        if (text == null) {
            return null;
        }
        String redacted = AUTHORIZATION.matcher(text).replaceAll("$1" + REDACTED);
        redacted = BEARER.matcher(redacted).replaceAll("$1" + REDACTED);
        return TOKEN_PARAMETER.matcher(redacted).replaceAll("$1$2" + REDACTED);
    }

    /** Whether a header's value must never be shown. */
    public static boolean isSecretHeader(String name) {
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        return lower.equals("authorization") || lower.equals("proxy-authorization") || lower.equals("cookie")
                || lower.equals("set-cookie") || lower.contains("token") || lower.contains("api-key");
    }
}
