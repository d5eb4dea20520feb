package io.netobs.schema;

/** A payload that checks its own invariants after Jackson built it. */
public interface Validatable {
    /**
     * @throws InvalidRecordException naming the first violated rule
     */
    void validate();
}
