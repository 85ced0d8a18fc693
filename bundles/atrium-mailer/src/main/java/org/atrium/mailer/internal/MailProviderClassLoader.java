package org.atrium.mailer.internal;

import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Jakarta Mail and Activation find their providers (SMTP transport, stream and mailcap providers) with
 * {@code ServiceLoader} on the thread context class loader; in OSGi that loader does not see the Angus
 * bundles ("No provider of jakarta.mail.util.StreamProvider was found"). This loader sees exactly them, and
 * {@link #run} sets it around a piece of mail work.
 */
final class MailProviderClassLoader extends ClassLoader {

    private final List<ClassLoader> providers;

    MailProviderClassLoader(List<ClassLoader> providers) {
        super(null);
        this.providers = List.copyOf(providers);
    }

    /** The Angus Mail and Angus Activation bundles, reached through classes of packages they export. */
    static MailProviderClassLoader angus() {
        return new MailProviderClassLoader(List.of(
                org.eclipse.angus.mail.smtp.SMTPTransport.class.getClassLoader(),
                org.eclipse.angus.activation.MailcapFile.class.getClassLoader(),
                MailProviderClassLoader.class.getClassLoader()));
    }

    <T> T run(Callable<T> work) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(this);
        try {
            return work.call();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        for (ClassLoader provider : providers) {
            try {
                return provider.loadClass(name);
            } catch (ClassNotFoundException tryNext) {
                // next bundle
            }
        }
        throw new ClassNotFoundException(name);
    }

    @Override
    protected URL findResource(String name) {
        for (ClassLoader provider : providers) {
            URL url = provider.getResource(name);
            if (url != null) {
                return url;
            }
        }
        return null;
    }

    @Override
    protected Enumeration<URL> findResources(String name) throws IOException {
        List<URL> urls = new ArrayList<>();
        for (ClassLoader provider : providers) {
            urls.addAll(Collections.list(provider.getResources(name)));
        }
        return Collections.enumeration(urls);
    }
}
