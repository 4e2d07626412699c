package dev.fbx.cohort;

import dev.fbx.FbxException;

/**
 * {@code --shard I/N}: one of N processes that together sync a roster once, as a Kubernetes Indexed
 * Job runs them ({@code I} is the pod's completion index): the participants whose 0-based row in
 * the roster, modulo N, is I.
 */
public record Shard(int index, int count) {
    /** The whole roster in one process. */
    public static final Shard ALL = new Shard(0, 1);

    public static Shard parse(String text) {
        String[] parts = text.strip().split("/", -1);
        try {
            if (parts.length == 2) {
                Shard shard = new Shard(Integer.parseInt(parts[0].strip()), Integer.parseInt(parts[1].strip()));
                if (shard.count >= 1 && shard.index >= 0 && shard.index < shard.count) {
                    return shard;
                }
            }
        } catch (NumberFormatException e) {
            // Said below.
        }
        throw FbxException.usage("--shard '" + text + "' is not I/N with 0 <= I < N (the first of four shards is"
                + " 0/4): give the shard's index and the number of shards.");
    }

    boolean takes(int row) {
        return row % count == index;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
