package org.atrium.api.client;

/**
 * One page of a client search.
 *
 * @param page zero-based page number
 * @param size page size, 1 to {@link #MAX_SIZE}
 */
public record ClientQuery(ClientFilter filter, SortField sort, boolean descending, int page, int size) {

    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 500;
    /**
     * How many pages, from the one asked on, a search counts at most: with more matches its total is that
     * many pages' worth, {@link Page#totalExact()} false (a 25-row page of a broad search says "more than
     * 1,000").
     *
     * @since 2.2
     */
    public static final int COUNTED_PAGES = 40;

    public ClientQuery {
        if (filter == null) {
            filter = ClientFilter.ALL;
        }
        if (sort == null) {
            sort = SortField.CLIENT_ID;
        }
        if (page < 0) {
            throw new IllegalArgumentException("page must be 0 or more");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("size must be between 1 and " + MAX_SIZE);
        }
    }
}
