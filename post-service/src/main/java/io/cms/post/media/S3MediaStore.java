package io.cms.post.media;

import java.io.IOException;
import java.util.Optional;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The media store on an S3-compatible object store ({@code CMS_MEDIA_STORE=s3}): what the
 * Kubernetes overlays use, so every replica sees the same files. Originals under
 * {@code originals/{sha256}}, variants under {@code variants/{name}}; a put replaces an object whole,
 * so two replicas making the same variant both leave one whole file. Checksums are sent and checked
 * only where the protocol requires them: several S3-compatible stores refuse the newer defaults.
 */
public final class S3MediaStore implements MediaStore, AutoCloseable {

    private final S3Client s3;
    private final String bucket;

    S3MediaStore(MediaConfig.S3 config) {
        this.bucket = config.bucket().orElseThrow(() -> new IllegalStateException(
                "cms.media.s3.bucket (CMS_MEDIA_S3_BUCKET) is required with CMS_MEDIA_STORE=s3"));
        S3ClientBuilder builder = S3Client.builder().httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(config.region()))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(config.pathStyle()).build())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        config.endpoint().ifPresent(builder::endpointOverride);
        if (config.accessKey().isPresent() && config.secretKey().isPresent()) {
            builder.credentialsProvider(StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(config.accessKey().get(), config.secretKey().get())));
        } else {
            builder.credentialsProvider(DefaultCredentialsProvider.builder().build());
        }
        this.s3 = builder.build();
    }

    @Override
    public void putOriginal(String sha256, byte[] bytes) throws IOException {
        put("originals/" + sha256, bytes);
    }

    @Override
    public byte[] original(String sha256) throws IOException {
        return get("originals/" + sha256).orElseThrow(() -> new IOException("no original " + sha256 + " in " + bucket));
    }

    @Override
    public Optional<byte[]> variant(String name) throws IOException {
        return get("variants/" + name);
    }

    @Override
    public void putVariant(String name, byte[] bytes) throws IOException {
        put("variants/" + name, bytes);
    }

    @Override
    public void delete(String sha256) throws IOException {
        try {
            s3.deleteObject(b -> b.bucket(bucket).key("originals/" + sha256));
            for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix("variants/" + sha256)).contents()) {
                s3.deleteObject(b -> b.bucket(bucket).key(o.key()));
            }
        } catch (SdkException e) {
            throw new IOException("deleting " + sha256 + " from " + bucket + ": " + e.getMessage(), e);
        }
    }

    @Override
    public long usedBytes() throws IOException {
        try {
            return s3.listObjectsV2Paginator(b -> b.bucket(bucket)).contents().stream().mapToLong(S3Object::size).sum();
        } catch (SdkException e) {
            throw new IOException("listing " + bucket + ": " + e.getMessage(), e);
        }
    }

    private void put(String key, byte[] bytes) throws IOException {
        try {
            s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(bytes));
        } catch (SdkException e) {
            throw new IOException("writing " + key + " to " + bucket + ": " + e.getMessage(), e);
        }
    }

    private Optional<byte[]> get(String key) throws IOException {
        try {
            return Optional.of(s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw new IOException("reading " + key + " from " + bucket + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        s3.close();
    }
}
