package dev.sluice.bench.workload;

/**
 * How many inserts, updates and deletes a stream workload writes, and in transactions of how many
 * rows: half inserts, 30% updates, 20% deletes, as the 500k / 300k / 200k.
 */
public record ChangeMix(int inserts, int updates, int deletes, int transactionRows) {

    public ChangeMix {
        if (inserts % transactionRows != 0 || updates % transactionRows != 0 || deletes % transactionRows != 0
                || deletes > inserts || updates > inserts || deletes < transactionRows) {
            throw new IllegalArgumentException("a change mix needs multiples of the transaction size, at least one delete"
                    + " transaction, and no more updates or deletes than inserts: " + this);
        }
    }

    /** {@code total} changes split 50 / 30 / 20. */
    public static ChangeMix of(int total, int transactionRows) {
        return new ChangeMix(total / 2, total * 3 / 10, total / 5, transactionRows);
    }

    public int total() {
        return inserts + updates + deletes;
    }
}
