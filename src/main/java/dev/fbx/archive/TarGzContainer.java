package dev.fbx.archive;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * A gzipped tar. It has no index and no random access: the names come from a first pass, and
 * entries are read by decompressing forward from the start. Reading entries in the tar's own order
 * (Takeout writes them sorted, and fbx asks for them by date) costs one more pass; asking for an
 * earlier entry starts over.
 */
final class TarGzContainer implements Container {
    private static final int BLOCK = 512;

    private final Path path;
    private final List<String> names;
    private final Map<String, Integer> positions = new HashMap<>();
    private Reader reader;

    TarGzContainer(Path path) throws IOException {
        this.path = path;
        List<String> all = new ArrayList<>();
        try (Reader first = new Reader(path)) {
            for (String name = first.next(); name != null; name = first.next()) {
                if (first.regularFile) {
                    positions.putIfAbsent(name, first.index);
                    all.add(name);
                }
            }
        }
        this.names = List.copyOf(all);
    }

    @Override
    public String describe() {
        return path.toString();
    }

    @Override
    public List<String> names() {
        return names;
    }

    @Override
    public InputStream open(String name) throws IOException {
        Integer position = positions.get(name);
        if (position == null) {
            throw new IOException("no entry " + name);
        }
        if (reader == null || reader.index >= position) {
            if (reader != null) {
                reader.close();
            }
            reader = new Reader(path);
        }
        while (reader.index < position) {
            if (reader.next() == null) {
                throw new EOFException("the tar ends before " + name);
            }
        }
        return reader.entry();
    }

    /** One reader going forward: an entry at a time. */
    @Override
    public boolean randomAccess() {
        return false;
    }

    @Override
    public void close() throws IOException {
        if (reader != null) {
            reader.close();
        }
    }

    /** The tar format's headers (ustar with its name prefix, GNU long names, pax paths), read forward. */
    private static final class Reader implements AutoCloseable {
        private final InputStream in;
        private final byte[] header = new byte[BLOCK];
        /** Bytes of the current entry's data (and padding) not read yet. */
        private long remaining;

        private long size;
        int index = -1;
        boolean regularFile;

        Reader(Path path) throws IOException {
            this.in = new BufferedInputStream(new GZIPInputStream(Files.newInputStream(path), 1 << 16), 1 << 16);
        }

        /** Moves to the next entry and returns its name; null at the end of the tar. */
        String next() throws IOException {
            String longName = null;
            while (true) {
                skip(remaining);
                remaining = 0;
                if (!readFully(header)) {
                    return null;
                }
                if (isZero(header)) {
                    return null;
                }
                size = octal(header, 124, 12);
                remaining = padded(size);
                char type = (char) header[156];
                if (type == 'L' || type == 'x') {
                    byte[] data = new byte[(int) size];
                    if (!readFully(data)) {
                        throw new EOFException("truncated tar");
                    }
                    skip(padded(size) - size);
                    remaining = 0;
                    String text = new String(data, StandardCharsets.UTF_8);
                    longName = type == 'L' ? text.replace("\0", "") : paxPath(text, longName);
                    continue;
                }
                index++;
                regularFile = type == '0' || type == '\0' || type == '7';
                if (longName != null) {
                    return longName;
                }
                String name = text(header, 0, 100);
                if ("ustar".equals(text(header, 257, 5))) {
                    String prefix = text(header, 345, 155);
                    if (!prefix.isEmpty()) {
                        name = prefix + "/" + name;
                    }
                }
                return name;
            }
        }

        /** The current entry's data; closing it leaves the tar open. */
        InputStream entry() {
            long[] left = {size};
            return new InputStream() {
                @Override
                public int read() throws IOException {
                    if (left[0] <= 0) {
                        return -1;
                    }
                    int b = in.read();
                    if (b < 0) {
                        throw new EOFException("truncated tar");
                    }
                    left[0]--;
                    remaining--;
                    return b;
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    if (left[0] <= 0) {
                        return -1;
                    }
                    int n = in.read(buffer, offset, (int) Math.min(length, left[0]));
                    if (n < 0) {
                        throw new EOFException("truncated tar");
                    }
                    left[0] -= n;
                    remaining -= n;
                    return n;
                }
            };
        }

        private static String paxPath(String records, String fallback) {
            for (String record : records.split("\n")) {
                int space = record.indexOf(' ');
                if (space > 0 && record.startsWith("path=", space + 1)) {
                    return record.substring(space + 1 + "path=".length());
                }
            }
            return fallback;
        }

        private static long padded(long size) {
            return (size + BLOCK - 1) / BLOCK * BLOCK;
        }

        private boolean readFully(byte[] buffer) throws IOException {
            int read = 0;
            while (read < buffer.length) {
                int n = in.read(buffer, read, buffer.length - read);
                if (n < 0) {
                    if (read == 0) {
                        return false;
                    }
                    throw new EOFException("truncated tar");
                }
                read += n;
            }
            return true;
        }

        private void skip(long bytes) throws IOException {
            while (bytes > 0) {
                long n = in.skip(bytes);
                if (n <= 0) {
                    if (in.read() < 0) {
                        throw new EOFException("truncated tar");
                    }
                    n = 1;
                }
                bytes -= n;
            }
        }

        private static boolean isZero(byte[] block) {
            for (byte b : block) {
                if (b != 0) {
                    return false;
                }
            }
            return true;
        }

        private static String text(byte[] block, int offset, int length) {
            int end = offset;
            while (end < offset + length && block[end] != 0) {
                end++;
            }
            return new String(block, offset, end - offset, StandardCharsets.UTF_8);
        }

        private static long octal(byte[] block, int offset, int length) throws IOException {
            String digits = text(block, offset, length).trim();
            try {
                return digits.isEmpty() ? 0 : Long.parseLong(digits, 8);
            } catch (NumberFormatException e) {
                throw new IOException("not a tar header");
            }
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
