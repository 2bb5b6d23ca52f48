package io.cms.search.index;

import java.io.IOException;

import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.FilterCodec;
import org.apache.lucene.codecs.StoredFieldsFormat;
import org.apache.lucene.codecs.compressing.CompressionMode;
import org.apache.lucene.codecs.compressing.Compressor;
import org.apache.lucene.codecs.compressing.Decompressor;
import org.apache.lucene.codecs.lucene90.compressing.Lucene90CompressingStoredFieldsFormat;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;
import org.apache.lucene.store.ByteBuffersDataInput;
import org.apache.lucene.store.DataInput;
import org.apache.lucene.store.DataOutput;
import org.apache.lucene.util.ArrayUtil;
import org.apache.lucene.util.BytesRef;

/**
 * Lucene's default codec, with stored fields kept uncompressed. Every search reads its hits' stored
 * fields, the whole text included (the highlighter's source): with the default LZ4 mode each hit
 * decompressed a preset dictionary and a sub-block of about 8 KB, a fifth of a search's CPU at
 * 100 000 posts. Uncompressed, a hit costs a copy of its own bytes. The price is disk and page
 * cache: stored text takes its plain UTF-8 size.
 *
 * <p>Found by name through {@code META-INF/services} when an index is opened (see {@link #register()}):
 * renaming it makes existing indexes unreadable.
 */
public final class SearchCodec extends FilterCodec {

    public static final String NAME = "CmsSearch912";

    private final StoredFieldsFormat storedFields = new Lucene90CompressingStoredFieldsFormat("CmsStoredFieldsPlain",
            new Plain(), 16 * 1024, 128, 10);

    public SearchCodec() {
        super(NAME, new Lucene912Codec());
    }

    /**
     * Makes the codec known to Lucene by name before an index is read. Lucene looks codecs up with
     * its own class loader, which under Quarkus's test and dev modes is not the one that sees this
     * service's {@code META-INF/services}; the packaged application has a single one.
     */
    static void register() {
        if (!Codec.availableCodecs().contains(NAME)) {
            Codec.reloadCodecs(SearchCodec.class.getClassLoader());
        }
    }

    @Override
    public StoredFieldsFormat storedFieldsFormat() {
        return storedFields;
    }

    /** Bytes stored as they are; reading one document copies only its own range. */
    private static final class Plain extends CompressionMode {

        @Override
        public Compressor newCompressor() {
            return new Compressor() {
                @Override
                public void compress(ByteBuffersDataInput in, DataOutput out) throws IOException {
                    out.copyBytes(in, in.length());
                }

                @Override
                public void close() {
                }
            };
        }

        @Override
        public Decompressor newDecompressor() {
            return new Decompressor() {
                @Override
                public void decompress(DataInput in, int originalLength, int offset, int length, BytesRef bytes)
                        throws IOException {
                    in.skipBytes(offset);
                    bytes.bytes = ArrayUtil.growNoCopy(bytes.bytes, length);
                    in.readBytes(bytes.bytes, 0, length);
                    bytes.offset = 0;
                    bytes.length = length;
                }

                @Override
                public Decompressor clone() {
                    return this;
                }
            };
        }

        @Override
        public String toString() {
            return "Plain";
        }
    }
}
