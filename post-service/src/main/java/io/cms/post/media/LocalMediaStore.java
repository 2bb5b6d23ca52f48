package io.cms.post.media;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;


/**
 * The media store on the local file system ({@code cms.media.dir}, under the data directory, kept
 * across restarts): the default ({@code CMS_MEDIA_STORE=local}). Files are written to a temporary name and moved into place, so a reader never
 * sees half a file, and two replicas or requests writing the same variant both end with one whole.
 */
public final class LocalMediaStore implements MediaStore {

    private final Path originals;
    private final Path variants;

    LocalMediaStore(Path dir) {
        this.originals = dir.resolve("originals");
        this.variants = dir.resolve("variants");
    }

    @Override
    public void putOriginal(String sha256, byte[] bytes) throws IOException {
        write(originals.resolve(sha256), bytes);
    }

    @Override
    public byte[] original(String sha256) throws IOException {
        return Files.readAllBytes(originals.resolve(sha256));
    }

    @Override
    public Optional<byte[]> variant(String name) throws IOException {
        Path p = variants.resolve(name);
        return Files.exists(p) ? Optional.of(Files.readAllBytes(p)) : Optional.empty();
    }

    @Override
    public void putVariant(String name, byte[] bytes) throws IOException {
        write(variants.resolve(name), bytes);
    }

    @Override
    public void delete(String sha256) throws IOException {
        Files.deleteIfExists(originals.resolve(sha256));
        if (Files.isDirectory(variants)) {
            try (Stream<Path> files = Files.list(variants)) {
                for (Path p : (Iterable<Path>) files.filter(f -> f.getFileName().toString().startsWith(sha256))::iterator) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    @Override
    public long usedBytes() throws IOException {
        long total = 0;
        for (Path dir : new Path[] {originals, variants}) {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> files = Files.list(dir)) {
                    total += files.mapToLong(f -> f.toFile().length()).sum();
                }
            }
        }
        return total;
    }

    private static void write(Path target, byte[] bytes) throws IOException {
        Files.createDirectories(target.getParent());
        Path tmp = target.resolveSibling(".tmp-" + UUID.randomUUID());
        Files.write(tmp, bytes);
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
