package io.cms.search.index;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Opens the index once per service, where configuration says. */
public class IndexProducer {

    @Produces
    @Singleton
    IndexHolder index(@ConfigProperty(name = "cms.search.index-dir") Path dir,
            @ConfigProperty(name = "cms.search.user-dictionary") Optional<Path> userDictionary) throws IOException {
        return new IndexHolder(dir, userDictionary);
    }

    void close(@Disposes IndexHolder holder) throws IOException {
        holder.close();
    }
}
