package org.pestle.pdmp.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.nio.file.CopyOption;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.sftp.server.FileHandle;
import org.apache.sshd.sftp.server.SftpEventListener;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The state's SFTP server as the embedded default stands it in: an in-process Apache MINA SSHD server on
 * localhost whose home is a folder on disk ({@code pestle.pdmp.sftp.embedded-root}, one sub-folder per state).
 * Its password is made at start and kept in memory. Tests stop and start it to stand for an outage.
 */
@Component
@ConditionalOnProperty(name = "pestle.pdmp.sftp.embedded", havingValue = "true", matchIfMissing = true)
class EmbeddedSftpTarget implements SmartLifecycle {

    private final PdmpSettings.Sftp settings;
    private final Path root;
    private final String password;
    private volatile SshServer server;
    private volatile int port;
    private final List<String> operations = new CopyOnWriteArrayList<>();

    EmbeddedSftpTarget(PdmpSettings settings) {
        this.settings = settings.sftp();
        this.root = Path.of(this.settings.embeddedRoot()).toAbsolutePath();
        byte[] secret = new byte[18];
        new SecureRandom().nextBytes(secret);
        this.password = HexFormat.of().formatHex(secret);
        this.port = this.settings.port();
    }

    @Override
    public synchronized void start() {
        if (server != null) {
            return;
        }
        try {
            Files.createDirectories(root);
            SshServer ssh = SshServer.setUpDefaultServer();
            ssh.setHost("127.0.0.1");
            ssh.setPort(port);
            ssh.setKeyPairProvider(new SimpleGeneratorHostKeyProvider(root.resolveSibling("pdmp-sftp-host.key")));
            ssh.setPasswordAuthenticator((user, pass, session) -> settings.username().equals(user) && password.equals(pass));
            SftpSubsystemFactory sftp = new SftpSubsystemFactory();
            sftp.addSftpEventListener(new SftpEventListener() {
                @Override
                public void written(ServerSession session, String remoteHandle, FileHandle localHandle, long offset,
                        byte[] data, int dataOffset, int dataLen, Throwable thrown) {
                    if (thrown == null && offset == 0) {
                        operations.add("write " + name(localHandle.getFile()));
                    }
                }

                @Override
                public void moved(ServerSession session, Path srcPath, Path dstPath, Collection<CopyOption> opts,
                        Throwable thrown) {
                    if (thrown == null) {
                        operations.add("rename " + name(srcPath) + " " + name(dstPath));
                    }
                }
            });
            ssh.setSubsystemFactories(List.of(sftp));
            ssh.setFileSystemFactory(new VirtualFileSystemFactory(root));
            ssh.start();
            port = ssh.getPort();
            server = ssh;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the in-process SFTP target", e);
        }
    }

    @Override
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        try {
            server.stop(true);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not stop the in-process SFTP target", e);
        } finally {
            server = null;
        }
    }

    @Override
    public boolean isRunning() {
        return server != null;
    }

    int port() {
        return port;
    }

    String password() {
        return password;
    }

    /** The writes and renames the server saw (file names only, relative to its home), oldest first. */
    List<String> operations() {
        return List.copyOf(operations);
    }

    private static String name(Path path) {
        return path.toString().replace('\\', '/').replaceFirst("^/+", "");
    }

    /** The folder that stands for the server's home. */
    Path root() {
        return root;
    }
}
