package io.netobs.streams.state;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The one encoding policy of netobs' internal state (canary and BGP stores, and the values passed
 * through repartition topics): compact binary, varints, raw doubles, no field names. Kafka Streams'
 * record cache holds serialized bytes, so a store value is encoded on every put and decoded on every
 * cache miss; JSON with names and reflection took most of the stream thread's time. These values
 * never leave the application, so nothing needs to read them but this code.
 *
 * <p>Every value starts with a format byte; a reader refuses a byte it does not know, so a store
 * written by a later format fails loudly instead of being misread. A codec whose layout changed writes
 * its new format and may go on reading older ones ({@link In#format()} says which one a value has), so
 * a store written by the previous version still loads. A null value is a tombstone.
 * Encoding reuses one buffer per thread: a serializer may be shared by several stream threads.
 */
public abstract class StoreCodec<T> implements Serde<T>, Serializer<T>, Deserializer<T> {
    private static final ThreadLocal<Out> BUFFER = ThreadLocal.withInitial(Out::new);
    private final String name;
    private final byte format;
    private final int oldestReadable;

    protected StoreCodec(String name, int format) {
        this(name, format, format);
    }

    /** @param oldestReadable the oldest format still read; every format from it up to {@code format} is */
    protected StoreCodec(String name, int format, int oldestReadable) {
        if (oldestReadable < 1 || oldestReadable > format || format > 0x7f) {
            throw new IllegalArgumentException(name + ": formats " + oldestReadable + ".." + format);
        }
        this.name = name;
        this.format = (byte) format;
        this.oldestReadable = oldestReadable;
    }

    protected abstract void write(Out out, T value);

    protected abstract T read(In in);

    @Override
    public final byte[] serialize(String topic, T data) {
        if (data == null) {
            return null;
        }
        Out out = BUFFER.get();
        out.reset();
        out.b(format);
        write(out, data);
        return out.bytes();
    }

    @Override
    public final T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        if (data.length == 0 || data[0] < oldestReadable || data[0] > format) {
            throw new SerializationException("cannot read " + name + ": unknown format byte "
                    + (data.length == 0 ? "(empty value)" : String.format("0x%02x", data[0] & 0xff))
                    + ", expected " + (oldestReadable == format ? String.format("0x%02x", format)
                            : String.format("0x%02x to 0x%02x", oldestReadable, format)));
        }
        In in = new In(data);
        T value;
        try {
            value = read(in);
        } catch (RuntimeException e) {
            throw new SerializationException("cannot read " + name + ": " + e.getMessage(), e);
        }
        if (in.pos != data.length) {
            throw new SerializationException("cannot read " + name + ": " + (data.length - in.pos) + " trailing bytes");
        }
        return value;
    }

    @Override
    public final void configure(Map<String, ?> configs, boolean isKey) {
        // Nothing to configure: the format is fixed.
    }

    @Override
    public final void close() {
        // Holds no resources.
    }

    @Override
    public final Serializer<T> serializer() {
        return this;
    }

    @Override
    public final Deserializer<T> deserializer() {
        return this;
    }

    /** A growable output buffer. */
    public static final class Out {
        private byte[] buf = new byte[512];
        private int pos;

        void reset() {
            pos = 0;
        }

        public void b(int v) {
            ensure(1);
            buf[pos++] = (byte) v;
        }

        /** Unsigned LEB128; negative values take 10 bytes, so use {@link #zigzag} for those. */
        public void varlong(long v) {
            ensure(10);
            while ((v & ~0x7FL) != 0) {
                buf[pos++] = (byte) ((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            buf[pos++] = (byte) v;
        }

        public void zigzag(long v) {
            varlong((v << 1) ^ (v >> 63));
        }

        public void dbl(double v) {
            long bits = Double.doubleToRawLongBits(v);
            ensure(8);
            for (int i = 0; i < 8; i++) {
                buf[pos++] = (byte) (bits >>> (8 * i));
            }
        }

        /** Presence flag then the value: for nullable doubles. */
        public void optDbl(Double v) {
            b(v == null ? 0 : 1);
            if (v != null) {
                dbl(v);
            }
        }

        /** 0 for null, else the zigzag value + 1 shifted: for nullable integers and longs. */
        public void optLong(Long v) {
            if (v == null) {
                b(0);
            } else {
                b(1);
                zigzag(v);
            }
        }

        /** Length + 1, then UTF-8; 0 stands for null. */
        public void str(String s) {
            if (s == null) {
                varlong(0);
                return;
            }
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            varlong(utf8.length + 1L);
            ensure(utf8.length);
            System.arraycopy(utf8, 0, buf, pos, utf8.length);
            pos += utf8.length;
        }

        public int size() {
            return pos;
        }

        private void ensure(int n) {
            if (pos + n > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
            }
        }

        byte[] bytes() {
            return Arrays.copyOf(buf, pos);
        }
    }

    /** A reader over one value; throws on reading past its end. */
    public static final class In {
        private final byte[] buf;
        private int pos = 1;

        In(byte[] buf) {
            this.buf = buf;
        }

        /** The format byte of the value being read. */
        public int format() {
            return buf[0];
        }

        public int b() {
            if (pos >= buf.length) {
                throw new IllegalStateException("truncated value");
            }
            return buf[pos++] & 0xff;
        }

        public long varlong() {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                int b = b();
                v |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return v;
                }
            }
            throw new IllegalStateException("varint longer than 10 bytes");
        }

        /** A length or count: a varint that must fit the rest of the value. */
        public int size() {
            long v = varlong();
            if (v < 0 || v > buf.length - pos) {
                throw new IllegalStateException("size " + v + " beyond the value's end");
            }
            return (int) v;
        }

        public long zigzag() {
            long v = varlong();
            return (v >>> 1) ^ -(v & 1);
        }

        public double dbl() {
            if (pos + 8 > buf.length) {
                throw new IllegalStateException("truncated value");
            }
            long bits = 0;
            for (int i = 0; i < 8; i++) {
                bits |= (long) (buf[pos++] & 0xff) << (8 * i);
            }
            return Double.longBitsToDouble(bits);
        }

        public Double optDbl() {
            return b() == 0 ? null : dbl();
        }

        public Long optLong() {
            return b() == 0 ? null : zigzag();
        }

        public Integer optInt() {
            Long v = optLong();
            return v == null ? null : Math.toIntExact(v);
        }

        public String str() {
            long n = varlong();
            if (n == 0) {
                return null;
            }
            if (n - 1 > buf.length - pos) {
                throw new IllegalStateException("string of " + (n - 1) + " bytes beyond the value's end");
            }
            String s = new String(buf, pos, (int) (n - 1), StandardCharsets.UTF_8);
            pos += (int) (n - 1);
            return s;
        }
    }
}
