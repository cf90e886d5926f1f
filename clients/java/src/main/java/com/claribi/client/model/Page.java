package com.claribi.client.model;

import java.util.List;

/** One page of a list: {@code count} items in all, the absolute URLs of the pages around it, and its items. */
public record Page<T>(long count, String next, String previous, List<T> results) {}
