package com.claribi.platform;

/** The {@code {id}} of an object's path and the 404 that names it, in the seed's wording. */
public final class ObjectIds {

    private ObjectIds() {}

    /** Parses an id; anything that is not a positive integer names no object, so it is 404 like a missing one. */
    public static long parse(String id, String kind) {
        try {
            long parsed = Long.parseLong(id);
            if (parsed >= 1) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.notFound("No " + kind + " has this ID; IDs are positive integers.");
    }

    /** "No dashboard with ID 999 was found.", for a missing object and for another organization's alike. */
    public static ApiException notFound(String kind, long id) {
        return ApiException.notFound("No " + kind + " with ID " + id + " was found.");
    }
}
