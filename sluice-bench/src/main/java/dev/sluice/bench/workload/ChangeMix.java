package dev.sluice.bench.workload;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * How many inserts, updates and deletes a stream workload writes, and in transactions of how many
 * rows: half inserts, 30% updates, 20% deletes, as the 500k / 300k / 200k.
 *
 * <p>The changes are written in {@link #blocks() blocks} that each hold the whole mix in small
 * (5 / 3 / 2 transactions for 50 / 30 / 20): a block inserts new ids, updates the first of them and
 * deletes the last. Any stretch of the stream of a few blocks or more therefore has the workload's
 * mix, so a contender timed over part of the stream is timed on the same work as one timed over all
 * of it.
 */
public record ChangeMix(int inserts, int updates, int deletes, int transactionRows) {

    public ChangeMix {
        if (inserts % transactionRows != 0 || updates % transactionRows != 0 || deletes % transactionRows != 0
                || updates + deletes > inserts || deletes < transactionRows) {
            throw new IllegalArgumentException("a change mix needs multiples of the transaction size, at least one delete"
                    + " transaction, and no more updates and deletes together than inserts: " + this);
        }
    }

    /** {@code total} changes split 50 / 30 / 20. */
    public static ChangeMix of(int total, int transactionRows) {
        return new ChangeMix(total / 2, total * 3 / 10, total / 5, transactionRows);
    }

    public int total() {
        return inserts + updates + deletes;
    }

    /** The number of blocks: the largest that splits every kind's transactions evenly. */
    public int blocks() {
        int insertTx = inserts / transactionRows;
        int updateTx = updates / transactionRows;
        int deleteTx = deletes / transactionRows;
        return BigInteger.valueOf(insertTx).gcd(BigInteger.valueOf(updateTx)).gcd(BigInteger.valueOf(deleteTx)).intValue();
    }

    /**
     * Block {@code b}'s transactions in the order they must run: its inserts (ids following the
     * previous block's), then updates of its first ids, then deletes of its last ids. No id is both
     * updated and deleted, so every change the block writes is one event in the stream.
     */
    public List<Transaction> block(int b) {
        int blocks = blocks();
        if (b < 0 || b >= blocks) {
            throw new IllegalArgumentException("block " + b + " of " + blocks);
        }
        long perBlock = inserts / blocks;
        long first = b * perBlock + 1;
        long last = first + perBlock - 1;
        List<Transaction> transactions = new ArrayList<>();
        add(transactions, Kind.INSERT, first, last);
        add(transactions, Kind.UPDATE, first, first + updates / blocks - 1);
        add(transactions, Kind.DELETE, last - deletes / blocks + 1, last);
        return transactions;
    }

    private void add(List<Transaction> transactions, Kind kind, long first, long last) {
        for (long from = first; from <= last; from += transactionRows) {
            transactions.add(new Transaction(kind, from, Math.min(last, from + transactionRows - 1)));
        }
    }

    public enum Kind { INSERT, UPDATE, DELETE }

    /** One transaction: {@code kind} of the ids {@code first..last}. */
    public record Transaction(Kind kind, long first, long last) {

        public long rows() {
            return last - first + 1;
        }
    }
}
