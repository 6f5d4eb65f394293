package dev.mailwright.inbound.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.util.Collections;
import java.util.Enumeration;
import java.util.concurrent.Callable;

/**
 * Jakarta Mail 2.1 looks its {@code StreamProvider} up through {@link java.util.ServiceLoader}
 * on the thread's context class loader for every parsed header block and body part
 * (jakartaee/mail-api#699): a scan of the class path that took a quarter of the parse time. This
 * class loader answers that one service file from memory (read once from the real loader) and
 * delegates everything else, and {@link #call} installs it around a parse only, so no global
 * property is set for the host application.
 */
public final class CachedServiceLoader extends ClassLoader {
    private static final String SERVICE = "META-INF/services/jakarta.mail.util.StreamProvider";
    private static final CachedServiceLoader INSTANCE = new CachedServiceLoader(CachedServiceLoader.class.getClassLoader());

    private final URL cached;

    private CachedServiceLoader(ClassLoader parent) {
        super(parent);
        this.cached = cache(parent);
    }

    private static URL cache(ClassLoader parent) {
        try {
            Enumeration<URL> urls = parent.getResources(SERVICE);
            if (!urls.hasMoreElements()) {
                return null;
            }
            byte[] content;
            try (InputStream in = urls.nextElement().openStream()) {
                content = in.readAllBytes();
            }
            return new URL(null, "mailwright-cached:" + SERVICE, new URLStreamHandler() {
                @Override
                protected URLConnection openConnection(URL u) {
                    return new URLConnection(u) {
                        @Override
                        public void connect() {
                            // nothing to connect to
                        }

                        @Override
                        public InputStream getInputStream() {
                            return new ByteArrayInputStream(content);
                        }
                    };
                }
            });
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        if (cached != null && SERVICE.equals(name)) {
            return Collections.enumeration(java.util.List.of(cached));
        }
        return super.getResources(name);
    }

    /**
     * Runs an action with this loader as the thread's context class loader, restoring it after.
     *
     * @param action the parse
     * @param <T> its result
     * @return its result
     * @throws Exception what the action throws
     */
    public static <T> T call(Callable<T> action) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        if (INSTANCE.cached == null) {
            return action.call();
        }
        thread.setContextClassLoader(INSTANCE);
        try {
            return action.call();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
