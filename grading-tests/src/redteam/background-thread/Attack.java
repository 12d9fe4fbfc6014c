package org.gradus.labs.lab1;

/** Starts a thread that forges results again and again. */
final class Attack {
    static void run() {
        Thread t = new Thread(() -> {
            long end = System.currentTimeMillis() + 30_000;
            while (System.currentTimeMillis() < end) {
                Forge.everywhere();
                try {
                    Thread.sleep(200);
                } catch (InterruptedException ignored) {
                    // keep going
                }
            }
        });
        t.setDaemon(false);
        t.start();
    }
}
