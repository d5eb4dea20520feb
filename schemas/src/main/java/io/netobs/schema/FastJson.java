package io.netobs.schema;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A cursor over one JSON document for the fast decoders of the hot payloads. It reads only the
 * plain shapes agents write (ASCII strings with the usual escapes, numbers in number fields) and
 * throws {@link NotFast} on anything else; the caller then lets the general Jackson decoder judge the
 * document, so the accepted set, the values and the error messages are Jackson's in every case.
 */
final class FastJson {
    /** The document needs the general decoder: never an error by itself. */
    static final class NotFast extends RuntimeException {
        private static final long serialVersionUID = 1L;
        static final NotFast INSTANCE = new NotFast();

        private NotFast() {
            super(null, null, false, false);
        }
    }

    private final byte[] b;
    private int pos;

    FastJson(byte[] bytes) {
        this.b = bytes;
    }

    static NotFast notFast() {
        return NotFast.INSTANCE;
    }

    void ws() {
        while (pos < b.length && (b[pos] == ' ' || b[pos] == '\n' || b[pos] == '\r' || b[pos] == '\t')) {
            pos++;
        }
    }

    /** The next non-blank byte, not consumed; -1 at the end. */
    int peek() {
        ws();
        return pos < b.length ? b[pos] : -1;
    }

    void expect(char c) {
        if (peek() != c) {
            throw notFast();
        }
        pos++;
    }

    /** Consumes {@code c} when it comes next. */
    boolean accept(char c) {
        if (peek() == c) {
            pos++;
            return true;
        }
        return false;
    }

    void end() {
        if (peek() != -1) {
            throw notFast();
        }
    }

    boolean nextIsNull() {
        if (peek() == 'n' && pos + 4 <= b.length && b[pos + 1] == 'u' && b[pos + 2] == 'l' && b[pos + 3] == 'l') {
            pos += 4;
            return true;
        }
        return false;
    }

    /** A JSON string as {@link #string(int)} reads it, or null for a JSON null. */
    String stringOrNull(int maxChars) {
        return nextIsNull() ? null : string(maxChars);
    }

    /** A JSON array, each element read by {@code element} (which decides what a null element means), or null for a JSON null. */
    <T> List<T> array(Function<FastJson, T> element) {
        if (nextIsNull()) {
            return null;
        }
        List<T> out = new ArrayList<>();
        expect('[');
        if (!accept(']')) {
            do {
                out.add(element.apply(this));
            } while (accept(','));
            expect(']');
        }
        return out;
    }

    /** A JSON string of ASCII characters (escapes allowed), at most {@code maxChars} long. */
    String string(int maxChars) {
        expect('"');
        int start = pos;
        while (pos < b.length) {
            byte c = b[pos];
            if (c == '"') {
                String s = new String(b, start, pos - start, StandardCharsets.ISO_8859_1);
                pos++;
                return check(s, maxChars);
            }
            if (c == '\\') {
                return escaped(start, maxChars);
            }
            if (c < 0x20 || c < 0) {
                throw notFast(); // control characters and non-ASCII bytes: the general decoder's business
            }
            pos++;
        }
        throw notFast();
    }

    private String escaped(int start, int maxChars) {
        StringBuilder sb = new StringBuilder(pos - start + 16);
        sb.append(new String(b, start, pos - start, StandardCharsets.ISO_8859_1));
        while (pos < b.length) {
            byte c = b[pos++];
            if (c == '"') {
                return check(sb.toString(), maxChars);
            }
            if (c < 0x20 || c < 0) {
                throw notFast();
            }
            if (c != '\\') {
                sb.append((char) c);
                continue;
            }
            if (pos >= b.length) {
                throw notFast();
            }
            byte e = b[pos++];
            switch (e) {
                case '"', '\\', '/' -> sb.append((char) e);
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                default -> throw notFast(); // \\u escapes and anything else
            }
        }
        throw notFast();
    }

    private static String check(String s, int maxChars) {
        if (s.length() > maxChars) {
            throw notFast();
        }
        return s;
    }

    /** A JSON number token (no leading '+', no NaN), as Java parses it. */
    double number() {
        int start = pos;
        numberToken();
        try {
            return Double.parseDouble(new String(b, start, pos - start, StandardCharsets.ISO_8859_1));
        } catch (NumberFormatException e) {
            throw notFast();
        }
    }

    /** A JSON integer token (no fraction, no exponent) that fits a long. */
    long integer() {
        int start = pos;
        if (numberToken()) {
            throw notFast(); // a fraction or exponent where an integer is expected
        }
        int len = pos - start;
        if (len > 18) {
            throw notFast();
        }
        long v = 0;
        int i = start;
        boolean negative = b[i] == '-';
        if (negative) {
            i++;
        }
        for (; i < pos; i++) {
            v = v * 10 + (b[i] - '0');
        }
        return negative ? -v : v;
    }

    /** Consumes a number token; true when it has a fraction or an exponent. */
    private boolean numberToken() {
        ws();
        int start = pos;
        if (pos < b.length && b[pos] == '-') {
            pos++;
        }
        int digits = pos;
        while (pos < b.length && b[pos] >= '0' && b[pos] <= '9') {
            pos++;
        }
        if (pos == digits || (b[digits] == '0' && pos - digits > 1)) {
            throw notFast(); // no digits, or a leading zero JSON forbids
        }
        boolean real = false;
        if (pos < b.length && b[pos] == '.') {
            real = true;
            pos++;
            int frac = pos;
            while (pos < b.length && b[pos] >= '0' && b[pos] <= '9') {
                pos++;
            }
            if (pos == frac) {
                throw notFast();
            }
        }
        if (pos < b.length && (b[pos] == 'e' || b[pos] == 'E')) {
            real = true;
            pos++;
            if (pos < b.length && (b[pos] == '+' || b[pos] == '-')) {
                pos++;
            }
            int exp = pos;
            while (pos < b.length && b[pos] >= '0' && b[pos] <= '9') {
                pos++;
            }
            if (pos == exp) {
                throw notFast();
            }
        }
        if (pos < b.length && !(b[pos] == ',' || b[pos] == '}' || b[pos] == ']' || b[pos] == ' ' || b[pos] == '\n'
                || b[pos] == '\r' || b[pos] == '\t')) {
            throw notFast();
        }
        if (pos - start > 64) {
            throw notFast();
        }
        return real;
    }

    boolean bool() {
        ws();
        if (pos + 4 <= b.length && b[pos] == 't' && b[pos + 1] == 'r' && b[pos + 2] == 'u' && b[pos + 3] == 'e') {
            pos += 4;
            return true;
        }
        if (pos + 5 <= b.length && b[pos] == 'f' && b[pos + 1] == 'a' && b[pos + 2] == 'l' && b[pos + 3] == 's'
                && b[pos + 4] == 'e') {
            pos += 5;
            return false;
        }
        throw notFast();
    }

    /** Skips a value of a field this decoder does not know: only flat scalars; anything nested goes the general way. */
    void skipScalar() {
        int c = peek();
        if (c == '"') {
            string(Json.MAX_STRING_CHARS);
        } else if (c == 't' || c == 'f') {
            bool();
        } else if (c == 'n') {
            if (!nextIsNull()) {
                throw notFast();
            }
        } else {
            number();
        }
    }
}
