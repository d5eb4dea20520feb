package io.netobs.streams.canary;

/**
 * Epoch milliseconds of an ISO-8601 timestamp with offset, without {@code OffsetDateTime.parse}:
 * the formatter took an eighth of the stream thread's time. Only the shape agents write is read
 * here, {@code yyyy-MM-ddTHH:mm:ss[.fraction](Z|±HH:MM)} with a valid date and time from 1970 on;
 * anything else returns {@link #NOT_FAST} and the caller falls back to the full parser, so the
 * accepted set and every result are exactly those of {@code CanaryResult.observedAt()}.
 */
final class IsoTimestamps {
    static final long NOT_FAST = Long.MIN_VALUE;
    private static final int[] DAYS_BEFORE_MONTH = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};

    private IsoTimestamps() {
    }

    /** The epoch milliseconds of {@code s}, or {@link #NOT_FAST} when only the full parser may judge it. */
    static long epochMillis(String s) {
        int n = s.length();
        if (n < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
                || s.charAt(16) != ':') {
            return NOT_FAST;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if (hour < 0 || minute < 0 || second < 0 || year < 1970 || month < 1 || month > 12 || day < 1 || day > monthLength(year, month) || hour > 23
                || minute > 59 || second > 59) {
            return NOT_FAST;
        }
        int i = 19;
        long millis = 0;
        if (s.charAt(i) == '.') {
            int start = ++i;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
            }
            int len = i - start;
            if (len < 1 || len > 9) {
                return NOT_FAST;
            }
            // Truncated to milliseconds, as Instant.toEpochMilli does for a time after 1970.
            millis = digits(s, start, Math.min(len, 3)); // digits already checked
            for (int k = len; k < 3; k++) {
                millis *= 10;
            }
        }
        int offsetSeconds;
        if (i == n - 1 && s.charAt(i) == 'Z') {
            offsetSeconds = 0;
        } else if (i == n - 6 && (s.charAt(i) == '+' || s.charAt(i) == '-') && s.charAt(i + 3) == ':') {
            int oh = digits(s, i + 1, 2);
            int om = digits(s, i + 4, 2);
            if (oh < 0 || om < 0 || oh > 18 || om > 59 || (oh == 18 && om > 0)) {
                return NOT_FAST;
            }
            offsetSeconds = (oh * 3600 + om * 60) * (s.charAt(i) == '-' ? -1 : 1);
        } else {
            return NOT_FAST;
        }
        long days = daysSinceEpoch(year, month, day);
        long epochSecond = days * 86_400 + hour * 3600L + minute * 60L + second - offsetSeconds;
        return epochSecond < 0 ? NOT_FAST : epochSecond * 1000 + millis;
    }

    private static int digits(String s, int from, int count) {
        int v = 0;
        for (int k = from; k < from + count; k++) {
            char c = s.charAt(k);
            if (!isDigit(c)) {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean leap(int year) {
        return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    }

    private static int monthLength(int year, int month) {
        return month == 2 ? (leap(year) ? 29 : 28) : (month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31);
    }

    private static long daysSinceEpoch(int year, int month, int day) {
        long y = year - 1;
        long leapDays = y / 4 - y / 100 + y / 400 - (1969 / 4 - 1969 / 100 + 1969 / 400);
        long days = 365L * (year - 1970) + leapDays + DAYS_BEFORE_MONTH[month - 1] + (day - 1);
        return month > 2 && leap(year) ? days + 1 : days;
    }
}
