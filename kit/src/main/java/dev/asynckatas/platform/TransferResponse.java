package dev.asynckatas.platform;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The response of a {@link TransferTask}, like {@code HTTPURLResponse}: status, headers, and the file name the
 * server suggests.
 *
 * @param url        the URL the response came from
 * @param statusCode the HTTP status: 200, 404...
 * @param headers    the response's headers
 */
public record TransferResponse(URI url, int statusCode, HttpHeaders headers) {

    private static final Pattern DISPOSITION_FILENAME = Pattern.compile("(?i)(?:^|;)\\s*filename\\s*=\\s*(\"((?:[^\"\\\\]|\\\\.)*)\"|[^;]*)");

    public TransferResponse {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(headers, "headers");
    }

    /** {@code expectedContentLength}: the {@code Content-Length}, or {@code -1}. */
    public long expectedContentLength() {
        return headers.firstValueAsLong("Content-Length").orElse(-1);
    }

    /**
     * {@code suggestedFilename}, in the order Apple documents: the {@code filename} of a {@code Content-Disposition}
     * header; else the last component of the URL's path, percent-decoded; else the URL's host; else {@code "unknown"}.
     *
     * <p><strong>The name is the server's or the URL's, as it comes</strong>: it may be {@code ../../x}, {@code /etc/x},
     * empty or {@code ..}. Apple documents no cleaning of it, and neither does this method clean it. Never use it as a
     * path without making it a safe file name first.
     */
    public String suggestedFilename() {
        Optional<String> disposition = headers.firstValue("Content-Disposition").flatMap(TransferResponse::dispositionFilename);
        if (disposition.isPresent()) {
            return disposition.get();
        }
        String rawPath = url.getRawPath();
        if (rawPath != null && !rawPath.isEmpty() && !rawPath.equals("/")) {
            String trimmed = rawPath.endsWith("/") ? rawPath.substring(0, rawPath.length() - 1) : rawPath;
            return percentDecoded(trimmed.substring(trimmed.lastIndexOf('/') + 1));
        }
        return url.getHost() != null ? url.getHost() : "unknown";
    }

    private static Optional<String> dispositionFilename(String disposition) {
        Matcher matcher = DISPOSITION_FILENAME.matcher(disposition);
        if (!matcher.find()) {
            return Optional.empty();
        }
        String quoted = matcher.group(2);
        return Optional.of(quoted != null ? quoted.replaceAll("\\\\(.)", "$1") : matcher.group(1).strip());
    }

    /** {@code %2e%2e%2f} becomes {@code ../}; a malformed escape is kept as it is. {@code +} stays a plus (a path, not a form). */
    static String percentDecoded(String text) {
        byte[] out = new byte[text.length() * 3];
        int n = 0;
        int i = 0;
        while (i < text.length()) {
            int c = text.codePointAt(i);
            if (c == '%' && i + 2 < text.length() && isHex(text.charAt(i + 1)) && isHex(text.charAt(i + 2))) {
                out[n++] = (byte) Integer.parseInt(text.substring(i + 1, i + 3), 16);
                i += 3;
            } else {
                byte[] encoded = new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8);
                System.arraycopy(encoded, 0, out, n, encoded.length);
                n += encoded.length;
                i += Character.charCount(c);
            }
        }
        return new String(out, 0, n, StandardCharsets.UTF_8);
    }

    private static boolean isHex(char c) {
        return "0123456789abcdef".indexOf(Character.toLowerCase(c)) >= 0;
    }

    @Override
    public String toString() {
        return statusCode + " from " + url + headers.firstValue("Content-Type").map(t -> " (" + t.toLowerCase(Locale.ROOT) + ")").orElse("");
    }
}
