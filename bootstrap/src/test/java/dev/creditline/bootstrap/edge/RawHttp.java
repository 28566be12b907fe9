package dev.creditline.bootstrap.edge;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** Raw HTTP/1.1 over a socket, for requests {@code java.net.http.HttpClient} refuses to send. */
final class RawHttp {

    private RawHttp() {
    }

    /**
     * Writes {@code request} as is (ISO-8859-1 bytes) and returns everything read until the server
     * closes the connection or {@code idleMillis} pass without a byte.
     */
    static Exchange send(int port, String request, int idleMillis) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(idleMillis);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            ByteArrayOutputStream read = new ByteArrayOutputStream();
            InputStream in = s.getInputStream();
            byte[] buf = new byte[8192];
            boolean closed = false;
            try {
                int n;
                while ((n = in.read(buf)) > 0) {
                    read.write(buf, 0, n);
                }
                closed = true;
            } catch (SocketTimeoutException e) {
                // the server keeps the connection open
            } catch (IOException e) {
                closed = true; // reset by the server
            }
            return new Exchange(read.toString(StandardCharsets.UTF_8), closed);
        }
    }

    /** What came back, and whether the server closed the connection. */
    record Exchange(String text, boolean closedByServer) {

        /** Number of HTTP responses in the text. */
        int responses() {
            return (int) java.util.regex.Pattern.compile("HTTP/1\\.[01] \\d{3} ").matcher(text).results().count();
        }

        int status() {
            return Integer.parseInt(text.substring(9, 12));
        }

        String header(String name) {
            String head = text.substring(0, Math.max(0, text.indexOf("\r\n\r\n")));
            for (String line : head.split("\r\n")) {
                int c = line.indexOf(':');
                if (c > 0 && line.substring(0, c).trim().equalsIgnoreCase(name)) {
                    return line.substring(c + 1).trim();
                }
            }
            return null;
        }

        String body() {
            int i = text.indexOf("\r\n\r\n");
            return i < 0 ? "" : text.substring(i + 4);
        }
    }
}
