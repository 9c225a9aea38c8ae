package dev.asynckatas.kit.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Redaction: secrets never reach a timeline or a report")
class RedactionTest {

    @Test
    @DisplayName("the value of an Authorization header is redacted, whatever its scheme")
    void authorizationHeaders() {
        assertThat(Redaction.redact("GET /me (Authorization: Basic dXNlcjpwYXNz, Accept: */*)"))
                .isEqualTo("GET /me (Authorization: [redacted], Accept: */*)");
        assertThat(Redaction.redact("proxy-authorization=Digest abc123")).isEqualTo("proxy-authorization=[redacted]");
    }

    @Test
    @DisplayName("a bearer token is redacted wherever it appears")
    void bearerTokens() {
        assertThat(Redaction.redact("retrying with bearer eyJhbGciOi.payload.sig now"))
                .isEqualTo("retrying with bearer [redacted] now");
    }

    @Test
    @DisplayName("token=... and similar parameters, also as JSON fields, are redacted, and the other parameters kept")
    void tokenParameters() {
        assertThat(Redaction.redact("/feed?token=abc123&lang=en&access_token=xyz"))
                .isEqualTo("/feed?token=[redacted]&lang=en&access_token=[redacted]");
        assertThat(Redaction.redact("{\"access_token\":\"hunter2\", \"user\": \"ada\"}"))
                .isEqualTo("{\"access_token\":\"[redacted]\", \"user\": \"ada\"}");
    }

    @Test
    @DisplayName("redaction is idempotent and leaves ordinary text alone")
    void idempotentAndHarmless() {
        String once = Redaction.redact("Authorization: Bearer abc, token=def");
        assertThat(Redaction.redact(once)).isEqualTo(once);
        assertThat(Redaction.redact("GET /orders/42 took 3.000s")).isEqualTo("GET /orders/42 took 3.000s");
        assertThat(Redaction.redact(null)).isNull();
    }

    @Test
    @DisplayName("the timeline redacts text on the way in")
    void timelineRedactsOnTheWayIn() {
        Timeline timeline = new Timeline(() -> Duration.ZERO);

        timeline.note("MAIN", "sends Authorization: Bearer s3cr3t to /me?token=s3cr3t");

        assertThat(timeline.events()).singleElement().extracting(TimelineEvent::text).asString().doesNotContain("s3cr3t");
        assertThat(timeline.render()).doesNotContain("s3cr3t");
    }

    @Test
    @DisplayName("secret header names are recognised whatever their case")
    void secretHeaderNames() {
        assertThat(Redaction.isSecretHeader("AUTHORIZATION")).isTrue();
        assertThat(Redaction.isSecretHeader("X-Api-Key")).isTrue();
        assertThat(Redaction.isSecretHeader("Cookie")).isTrue();
        assertThat(Redaction.isSecretHeader("Content-Type")).isFalse();
    }
}
