package io.netobs.canary.probe;

import io.netobs.schema.CanaryResult;
import io.netobs.schema.Status;

/**
 * The verdict on the final response, in blackbox_exporter's order: status code, body, HTTP version,
 * TLS. The seed's statuses and messages where it had them: an invalid code is FAILURE "HTTP Error: ...";
 * a missing expected string or regex is FAILURE with content_match false; content_match stays null when
 * nothing was expected, or when the status already failed (the seed never looked at the body then).
 */
final class HttpChecks {
    private HttpChecks() {
    }

    static Outcome judge(HttpOptions o, CanaryResult.Builder b, HttpExchange.Hop r, boolean tls) {
        if (!o.validCodes().contains(r.status())) {
            return Outcome.of(b.status(Status.FAILURE).errorMessage(("HTTP Error: " + r.status() + " " + r.reason()).strip()),
                    "http_status");
        }
        if (!o.expectedString().isEmpty() || o.expectedRegex() != null) {
            String text = HttpBody.text(r.body().kept());
            if (!o.expectedString().isEmpty() && !text.contains(o.expectedString())) {
                return Outcome.of(b.status(Status.FAILURE).contentMatch(false)
                        .errorMessage("Expected string '" + o.expectedString() + "' not found in response"), "content_mismatch");
            }
            if (o.expectedRegex() != null && !o.expectedRegex().matcher(text).find()) {
                return Outcome.of(b.status(Status.FAILURE).contentMatch(false)
                        .errorMessage("Expected regex '" + o.expectedRegex().pattern() + "' not found in response"),
                        "content_mismatch");
            }
            b.contentMatch(true);
        }
        if (!o.validHttpVersions().isEmpty() && !o.validHttpVersions().contains(r.httpVersion())) {
            return Outcome.of(b.status(Status.FAILURE).errorMessage("Invalid HTTP version " + r.httpVersion()
                    + " (valid: " + String.join(", ", o.validHttpVersions().stream().sorted().toList()) + ")"), "http_version");
        }
        if (tls && o.failIfSsl()) {
            return Outcome.of(b.status(Status.FAILURE).errorMessage("Final request was over SSL"), "tls_policy");
        }
        if (!tls && o.failIfNotSsl()) {
            return Outcome.of(b.status(Status.FAILURE).errorMessage("Final request was not over SSL"), "tls_policy");
        }
        return Outcome.success(b.status(Status.SUCCESS));
    }
}
