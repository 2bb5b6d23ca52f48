package io.cms.post.messaging;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy on loopback that can cut the network between its clients and the server the way a
 * partition does: from then on bytes are swallowed in both directions, and neither side hears of a
 * close from the other. Connections opened during the cut get nothing either. After {@link #heal()}
 * new connections flow again; the cut ones stay dead, as they would be once either side gave up.
 */
final class BlackHoleProxy implements AutoCloseable {

    /** One client connection and its server connection. */
    private static final class Link {
        final Socket client;
        final Socket server;
        volatile boolean dead;

        Link(Socket client, Socket server) {
            this.client = client;
            this.server = server;
        }
    }

    private final ServerSocket listener;
    private final int targetPort;
    private final List<Link> links = new CopyOnWriteArrayList<>();
    private volatile boolean cut;

    BlackHoleProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        daemon("black-hole-proxy", this::accept);
    }

    int port() {
        return listener.getLocalPort();
    }

    void cut() {
        cut = true;
        links.forEach(l -> l.dead = true);
    }

    void heal() {
        cut = false;
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                Link link = new Link(client, server);
                link.dead = cut;
                links.add(link);
                pump(link, client, server);
                pump(link, server, client);
            } catch (IOException e) {
                // Closed, or the server is away: the client sees its connection fail.
            }
        }
    }

    private static void pump(Link link, Socket from, Socket to) {
        daemon("black-hole-pump", () -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream()) {
                OutputStream out = to.getOutputStream();
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    if (!link.dead) {
                        out.write(buffer, 0, n);
                    }
                }
            } catch (IOException e) {
                // One side is gone.
            }
            if (!link.dead) {
                closeQuietly(link.client);
                closeQuietly(link.server);
            }
        });
    }

    private static void daemon(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Already closed.
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Link l : links) {
            closeQuietly(l.client);
            closeQuietly(l.server);
        }
    }
}
