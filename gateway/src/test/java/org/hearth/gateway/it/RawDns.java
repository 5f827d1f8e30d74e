package org.hearth.gateway.it;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import org.xbill.DNS.DClass;
import org.xbill.DNS.GenericEDNSOption;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** Plain-socket DNS: exact bytes in, exact bytes out, so tests see what the gateway really sent. */
final class RawDns {

    static final int TIMEOUT_MILLIS = 5000;

    private RawDns() {}

    static byte[] query(String name, int type, int id, boolean edns) throws IOException {
        Message q = Message.newQuery(Record.newRecord(Name.fromString(name, Name.root), type, DClass.IN));
        q.getHeader().setID(id);
        if (edns) {
            q.addRecord(new OPTRecord(4096, 0, 0, 0), Section.ADDITIONAL);
        }
        return q.toWire();
    }

    /** A query with EDNS, padded (RFC 7830's option 12) to exactly {@code size} bytes. */
    static byte[] padded(String name, int id, int size) throws IOException {
        Message q = Message.newQuery(Record.newRecord(Name.fromString(name, Name.root), Type.A, DClass.IN));
        q.getHeader().setID(id);
        int bare = q.toWire().length + 11 + 4; // the OPT record and the option's code and length
        q.addRecord(new OPTRecord(1232, 0, 0, 0,
                java.util.List.of(new GenericEDNSOption(12, new byte[size - bare]))), Section.ADDITIONAL);
        return q.toWire();
    }

    /** Sends one datagram; returns the reply, or null when none came within {@code waitMillis}. */
    static byte[] udp(InetSocketAddress server, byte[] packet, int waitMillis) throws IOException {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(server.getAddress(), 0))) {
            socket.setSoTimeout(waitMillis);
            socket.send(new DatagramPacket(packet, packet.length, server));
            byte[] buffer = new byte[65535];
            DatagramPacket reply = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(reply);
            } catch (SocketTimeoutException e) {
                return null;
            }
            return java.util.Arrays.copyOf(buffer, reply.getLength());
        }
    }

    static byte[] udp(InetSocketAddress server, byte[] packet) throws IOException {
        byte[] reply = udp(server, packet, TIMEOUT_MILLIS);
        if (reply == null) {
            throw new IOException("no UDP reply from " + server);
        }
        return reply;
    }

    /**
     * Replies arriving on {@code socket} until {@code count} came or {@code windowMillis} passed,
     * keyed by ID (a later reply with the same ID replaces an earlier one).
     */
    static java.util.Map<Integer, Message> receive(DatagramSocket socket, int count, long windowMillis)
            throws IOException {
        java.util.Map<Integer, Message> replies = new java.util.HashMap<>();
        long end = System.nanoTime() + windowMillis * 1_000_000;
        byte[] buffer = new byte[65535];
        while (replies.size() < count) {
            long left = (end - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                break;
            }
            socket.setSoTimeout((int) left);
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (SocketTimeoutException e) {
                break;
            }
            Message reply = new Message(java.util.Arrays.copyOf(buffer, packet.getLength()));
            replies.put(reply.getHeader().getID(), reply);
        }
        return replies;
    }

    static Socket tcp(InetSocketAddress server) throws IOException {
        Socket socket = new Socket();
        socket.connect(server, TIMEOUT_MILLIS);
        socket.setSoTimeout(TIMEOUT_MILLIS);
        socket.setTcpNoDelay(true);
        return socket;
    }

    static byte[] framed(byte[] message) {
        byte[] out = new byte[message.length + 2];
        out[0] = (byte) (message.length >>> 8);
        out[1] = (byte) message.length;
        System.arraycopy(message, 0, out, 2, message.length);
        return out;
    }

    static void write(Socket socket, byte[] bytes) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(bytes);
        out.flush();
    }

    static byte[] readFrame(Socket socket) throws IOException {
        DataInputStream in = new DataInputStream(socket.getInputStream());
        int length = in.readUnsignedShort();
        byte[] message = new byte[length];
        in.readFully(message);
        return message;
    }
}
