package io.netobs.streams;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;

/** Test helpers: fetch a page and poll for a condition with a deadline (no sleeps as waits). */
final class Scrapes {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private Scrapes() {
    }

    static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Sum of the samples of {@code family} whose line also contains every one of {@code fragments}. */
    static double sum(String text, String family, String... fragments) {
        double total = 0;
        for (String line : text.split("\n")) {
            if (!line.startsWith(family + "{") && !line.startsWith(family + " ")) {
                continue;
            }
            boolean all = true;
            for (String f : fragments) {
                all &= line.contains(f);
            }
            if (all) {
                total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return total;
    }

    /** Polls {@code url} until the body satisfies {@code ok}; returns it, or fails with the last body. */
    static String awaitPage(String url, Duration timeout, Predicate<String> ok) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        String last = "(no response)";
        while (Instant.now().isBefore(deadline)) {
            try {
                HttpResponse<String> r = get(url);
                last = r.statusCode() + "\n" + r.body();
                if (r.statusCode() == 200 && ok.test(r.body())) {
                    return r.body();
                }
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(250); // poll interval, not a wait for a result
        }
        throw new AssertionError("condition not met within " + timeout + " on " + url + "; last answer:\n"
                + last.substring(0, Math.min(last.length(), 4000)));
    }
}
