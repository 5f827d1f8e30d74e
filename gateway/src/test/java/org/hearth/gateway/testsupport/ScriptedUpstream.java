package org.hearth.gateway.testsupport;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.hearth.gateway.query.Transport;
import org.xbill.DNS.Message;

/**
 * A programmable DNS server for tests: UDP and TCP on one loopback port (picked by the kernel), each
 * query answered by a {@link Script} that can do what real servers won't: stay silent, answer late,
 * send garbage, a wrong ID, a wrong question, a reply from another port, TC over UDP with the full
 * answer over TCP, oversized answers. It counts and keeps every query it receives.
 *
 * <p>Written with plain blocking JDK sockets on its own threads, independent of the Netty code under
 * test. Usage:
 *
 * <pre>{@code
 * try (ScriptedUpstream upstream = ScriptedUpstream.start(q -> Reply.message(DnsReplies.addresses(q.message(), 300, "192.0.2.1")))) {
 *     ... ask upstream.address() ...
 *     assertThat(upstream.queryCount()).isEqualTo(1);
 * }
 * }</pre>
 */
public final class ScriptedUpstream implements AutoCloseable {

    /** Decides the reply to one query. Runs on the server's threads; may be called concurrently. */
    @FunctionalInterface
    public interface Script {
        Reply reply(Received query);
    }

    /**
     * One query as received.
     *
     * @param message the parsed query, or null when it was not a readable DNS message
     * @param wire the bytes (without TCP length prefix)
     */
    public record Received(Message message, byte[] wire, Transport transport, InetSocketAddress from) {}

    private static final int BIND_ATTEMPTS = 20;

    private final DatagramSocket udp;
    private final DatagramSocket otherUdp;
    private final ServerSocket tcp;
    private final ScheduledExecutorService replies = Executors.newScheduledThreadPool(2, daemon("scripted-reply"));
    private final ExecutorService readers = Executors.newCachedThreadPool(daemon("scripted-read"));
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<Socket> connections = new CopyOnWriteArrayList<>();
    private final AtomicInteger udpQueries = new AtomicInteger();
    private final AtomicInteger tcpQueries = new AtomicInteger();
    private volatile Script script;
    private volatile boolean closed;

    private ScriptedUpstream(DatagramSocket udp, ServerSocket tcp, DatagramSocket otherUdp, Script script) {
        this.udp = udp;
        this.tcp = tcp;
        this.otherUdp = otherUdp;
        this.script = script;
        readers.execute(this::serveUdp);
        readers.execute(this::acceptTcp);
    }

    /** Starts on 127.0.0.1. */
    public static ScriptedUpstream start(Script script) throws IOException {
        return start(InetAddress.getLoopbackAddress(), script);
    }

    /** Starts on {@code address} (127.0.0.1 or ::1), UDP and TCP on the same free port. */
    public static ScriptedUpstream start(InetAddress address, Script script) throws IOException {
        IOException last = null;
        for (int attempt = 0; attempt < BIND_ATTEMPTS; attempt++) {
            DatagramSocket udp = new DatagramSocket(new InetSocketAddress(address, 0));
            try {
                ServerSocket tcp = new ServerSocket();
                tcp.setReuseAddress(true);
                tcp.bind(new InetSocketAddress(address, udp.getLocalPort()), 50);
                DatagramSocket other = new DatagramSocket(new InetSocketAddress(address, 0));
                return new ScriptedUpstream(udp, tcp, other, script);
            } catch (BindException e) {
                udp.close(); // the TCP port was taken: try another UDP port
                last = e;
            }
        }
        throw new IOException("no free UDP+TCP port pair after " + BIND_ATTEMPTS + " attempts", last);
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) udp.getLocalSocketAddress();
    }

    /** Replaces the script for queries from now on (e.g. a dead server coming back). */
    public void script(Script next) {
        this.script = next;
    }

    public int queryCount() {
        return udpQueries.get() + tcpQueries.get();
    }

    public int udpQueryCount() {
        return udpQueries.get();
    }

    public int tcpQueryCount() {
        return tcpQueries.get();
    }

    /** Every query received so far, in order of arrival. */
    public List<Received> received() {
        return List.copyOf(received);
    }

    /** Waits (bounded) until at least {@code count} queries arrived; returns whether they did. */
    public boolean awaitQueries(int count, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (queryCount() < count && System.nanoTime() < end) {
            TimeUnit.MILLISECONDS.sleep(5);
        }
        return queryCount() >= count;
    }

    @Override
    public void close() {
        closed = true;
        udp.close();
        otherUdp.close();
        try {
            tcp.close();
        } catch (IOException e) {
            // closing a listening socket only fails if already closed
        }
        for (Socket connection : connections) {
            closeQuietly(connection);
        }
        replies.shutdownNow();
        readers.shutdownNow();
    }

    private void serveUdp() {
        byte[] buffer = new byte[65535];
        while (!closed) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                udp.receive(packet);
            } catch (IOException e) {
                return; // socket closed
            }
            byte[] wire = java.util.Arrays.copyOfRange(packet.getData(), packet.getOffset(),
                    packet.getOffset() + packet.getLength());
            InetSocketAddress from = (InetSocketAddress) packet.getSocketAddress();
            udpQueries.incrementAndGet();
            Reply reply = decide(wire, Transport.UDP, from);
            perform(reply, bytes -> sendUdp(udp, bytes, from), bytes -> sendUdp(otherUdp, bytes, from), () -> { });
        }
    }

    private void acceptTcp() {
        while (!closed) {
            Socket connection;
            try {
                connection = tcp.accept();
            } catch (IOException e) {
                return; // socket closed
            }
            connections.add(connection);
            readers.execute(() -> serveTcp(connection));
        }
    }

    private void serveTcp(Socket connection) {
        try (connection) {
            DataInputStream in = new DataInputStream(connection.getInputStream());
            OutputStream out = connection.getOutputStream();
            while (!closed) {
                int length = in.readUnsignedShort();
                byte[] wire = new byte[length];
                in.readFully(wire);
                tcpQueries.incrementAndGet();
                Reply reply = decide(wire, Transport.TCP, (InetSocketAddress) connection.getRemoteSocketAddress());
                Sender framed = bytes -> {
                    synchronized (out) {
                        out.write(new byte[] {(byte) (bytes.length >>> 8), (byte) bytes.length});
                        out.write(bytes);
                        out.flush();
                    }
                };
                perform(reply, framed, framed, () -> closeQuietly(connection));
            }
        } catch (EOFException | SocketException e) {
            // the client closed the connection, or close() did
        } catch (IOException e) {
            // a broken connection ends only this connection
        }
    }

    private Reply decide(byte[] wire, Transport transport, InetSocketAddress from) {
        Message message;
        try {
            message = new Message(wire);
        } catch (IOException e) {
            message = null;
        }
        Received query = new Received(message, wire, transport, from);
        received.add(query);
        Reply reply = script.reply(query);
        return reply == null ? Reply.silence() : reply;
    }

    @FunctionalInterface
    private interface Sender {
        void send(byte[] bytes) throws IOException;
    }

    private void perform(Reply reply, Sender sender, Sender otherSender, Runnable close) {
        try {
            if (reply instanceof Reply.Bytes bytes) {
                sender.send(bytes.wire());
            } else if (reply instanceof Reply.Delayed delayed) {
                replies.schedule(() -> perform(delayed.then(), sender, otherSender, close),
                        delayed.delay().toNanos(), TimeUnit.NANOSECONDS);
            } else if (reply instanceof Reply.Sequence sequence) {
                for (Reply each : sequence.replies()) {
                    perform(each, sender, otherSender, close);
                }
            } else if (reply instanceof Reply.FromOtherSocket other) {
                perform(other.reply(), otherSender, otherSender, close);
            } else if (reply instanceof Reply.CloseConnection) {
                close.run();
            }
            // Reply.Silence: nothing to do
        } catch (IOException e) {
            // the client went away; a test server has nobody to tell
        }
    }

    private static void sendUdp(DatagramSocket socket, byte[] bytes, InetSocketAddress to) throws IOException {
        socket.send(new DatagramPacket(bytes, bytes.length, to));
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing left to release
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
