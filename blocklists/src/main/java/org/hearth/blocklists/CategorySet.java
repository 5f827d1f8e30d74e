package org.hearth.blocklists;

/**
 * A set of categories as one 64-bit mask: the built-in catalog takes the low bits, custom
 * categories from the config the bits above. Cheap to combine on the hot path.
 */
public record CategorySet(long bits) {

    public static final int MAX_CATEGORIES = 64;
    public static final CategorySet EMPTY = new CategorySet(0L);

    public static CategorySet of(Category... categories) {
        long bits = 0;
        for (Category c : categories) {
            bits |= 1L << c.bit();
        }
        return new CategorySet(bits);
    }

    public boolean isEmpty() {
        return bits == 0;
    }

    public boolean contains(Category category) {
        return (bits & (1L << category.bit())) != 0;
    }

    public boolean intersects(CategorySet other) {
        return (bits & other.bits) != 0;
    }

    public CategorySet union(CategorySet other) {
        return new CategorySet(bits | other.bits);
    }

    public CategorySet intersection(CategorySet other) {
        return new CategorySet(bits & other.bits);
    }

    public CategorySet minus(CategorySet other) {
        return new CategorySet(bits & ~other.bits);
    }
}
