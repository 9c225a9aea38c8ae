package dev.asynckatas.kit.device;

import static org.assertj.core.api.Assertions.assertThat;

import dev.asynckatas.platform.TransferResponse;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("TransferResponse.suggestedFilename: Apple's order, and the name as it comes (never cleaned)")
class TransferResponseTest {

    private static TransferResponse response(String url, String... header) {
        Map<String, List<String>> headers = header.length == 0 ? Map.of() : Map.of(header[0], List.of(header[1]));
        return new TransferResponse(URI.create(url), 200, HttpHeaders.of(headers, (n, v) -> true));
    }

    @Test
    @DisplayName("Content-Disposition's filename first, quoted or not")
    void dispositionFirst() {
        assertThat(response("https://cdn.test/ep/1.mp3", "Content-Disposition", "attachment; filename=\"Episode 1.mp3\"").suggestedFilename())
                .isEqualTo("Episode 1.mp3");
        assertThat(response("https://cdn.test/ep/1.mp3", "Content-Disposition", "attachment; filename=plain.mp3").suggestedFilename())
                .isEqualTo("plain.mp3");
        assertThat(response("https://cdn.test/ep/1.mp3", "Content-Disposition", "attachment; filename=\"../../x\"").suggestedFilename())
                .as("as the server sent it").isEqualTo("../../x");
    }

    @Test
    @DisplayName("else the URL's last path component, percent-decoded: %2e%2e%2f becomes ../")
    void lastPathComponentDecoded() {
        assertThat(response("https://cdn.test/ep/show%20one.mp3").suggestedFilename()).isEqualTo("show one.mp3");
        assertThat(response("https://cdn.test/ep/%2e%2e%2f%2e%2e%2fx").suggestedFilename()).isEqualTo("../../x");
        assertThat(response("https://cdn.test/ep/%2Fetc%2Fpasswd").suggestedFilename()).isEqualTo("/etc/passwd");
        assertThat(response("https://cdn.test/ep/dir/").suggestedFilename()).isEqualTo("dir");
        assertThat(response("https://cdn.test/ep/caf%C3%A9.mp3").suggestedFilename()).isEqualTo("café.mp3");
        assertThat(response("https://cdn.test/ep/100%.mp3".replace("%", "%25")).suggestedFilename()).isEqualTo("100%.mp3");
    }

    @Test
    @DisplayName("else the host; the Content-Length is the expected length, or -1")
    void hostThenUnknown() {
        assertThat(response("https://cdn.test").suggestedFilename()).isEqualTo("cdn.test");
        assertThat(response("https://cdn.test/").suggestedFilename()).isEqualTo("cdn.test");
        assertThat(response("https://cdn.test/a", "Content-Length", "42").expectedContentLength()).isEqualTo(42);
        assertThat(response("https://cdn.test/a").expectedContentLength()).isEqualTo(-1);
    }
}
