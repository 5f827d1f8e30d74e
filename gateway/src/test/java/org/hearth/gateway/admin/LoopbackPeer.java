package org.hearth.gateway.admin;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;

/** Raw sockets to a server on loopback, from a chosen loopback address (127.0.0.2 and up play other hosts). */
final class LoopbackPeer {

    private LoopbackPeer() {}

    static Socket connectFrom(String from, InetSocketAddress server) throws IOException {
        Socket s = new Socket();
        s.bind(new InetSocketAddress(from, 0));
        s.connect(server, 5_000);
        return s;
    }

    /** One more byte of an endless header; a connection the server closed just fails quietly. */
    static void trickle(Socket s) {
        try {
            s.getOutputStream().write('a');
            s.getOutputStream().flush();
        } catch (IOException e) {
            // closed by the server: what the tests wait for
        }
    }

    /** True if the server closed the connection (end of stream or reset), looking for at most {@code wait}. */
    static boolean closedWithin(Socket s, Duration wait) throws IOException {
        if (s.isClosed()) {
            return true;
        }
        s.setSoTimeout((int) Math.max(1, wait.toMillis()));
        try {
            InputStream in = s.getInputStream();
            byte[] buffer = new byte[4096];
            while (in.read(buffer) >= 0) {
                // a 408 or 400 before the close: read on to the end
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException e) {
            return true; // reset by the server
        }
    }
}
