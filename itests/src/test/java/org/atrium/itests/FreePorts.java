package org.atrium.itests;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports nobody listens on, so that a test Karaf never meets another one on the machine. Taken below Linux's
 * ephemeral range (32768-60999), where the system picks the local ports of outgoing connections: a port from
 * that range, free when it was picked, could be some connection's by the time Karaf binds it (a whole test
 * class once found its web server without a port). Never the same port twice in one run.
 */
final class FreePorts {

    private static final int FIRST = 20_000;
    private static final int LAST = 32_000;
    private static final Set<Integer> GIVEN = ConcurrentHashMap.newKeySet();

    private FreePorts() {
    }

    static int next() {
        for (int attempt = 0; attempt < 1_000; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(FIRST, LAST);
            if (!GIVEN.contains(port) && free(port) && GIVEN.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port between " + FIRST + " and " + LAST);
    }

    private static boolean free(int port) {
        try (ServerSocket any = new ServerSocket()) {
            any.bind(new InetSocketAddress(port));
            try (ServerSocket loopback = new ServerSocket()) {
                loopback.setReuseAddress(true);
                any.close();
                loopback.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                return true;
            }
        } catch (IOException e) {
            return false;
        }
    }
}
