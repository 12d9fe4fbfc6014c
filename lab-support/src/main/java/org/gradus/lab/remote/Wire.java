package org.gradus.lab.remote;

/** The tags and limits of the wire format that {@link WireWriter} writes and {@link WireReader} reads. */
final class Wire {
    private Wire() {
    }

    static final byte NULL = 0;
    static final byte TRUE = 1;
    static final byte FALSE = 2;
    static final byte INT = 3;
    static final byte LONG = 4;
    static final byte DOUBLE = 5;
    static final byte FLOAT = 6;
    static final byte STRING = 7;
    static final byte PRIMITIVE_ARRAY = 8;
    static final byte OBJECT_ARRAY = 9;
    static final byte LIST = 10;
    static final byte MAP = 11;
    static final byte ENUM = 12;
    static final byte RECORD = 13;
    static final byte NDARRAY = 14;
    static final byte VARIABLE = 15;
    static final byte FUNCTION = 16;
    static final byte CHART = 17;
    static final byte OPERATOR = 18;
    static final byte SHORT = 19;
    static final byte BYTE = 20;
    static final byte CHAR = 21;
    static final byte RANDOM_STREAMS = 22;

    // definitions inside a VARIABLE value, before the id of the variable itself
    static final byte DEF_INPUT = 1;
    static final byte DEF_CONSTANT = 2;
    static final byte DEF_SHARED = 3;
    static final byte DEF_APPLY = 4;
    static final byte DEF_DEFAULT_UPDATE = 5;
    static final byte DEF_END = 0;

    /** The longest string read; longer student text is cut by the writer. */
    static final int MAX_STRING = 64 * 1024;
    /** Nesting of values (records in lists in records ...). */
    static final int MAX_DEPTH = 64;
    /** Elements of one array, list or map. */
    static final int MAX_ELEMENTS = 64 * 1024 * 1024;
    /** Graph nodes and variables of one message. */
    static final int MAX_VARIABLES = 2_000_000;
    /** Rank of an array or tensor type. */
    static final int MAX_RANK = 32;
}
