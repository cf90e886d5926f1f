/** Organizations, users and their roles, passwords (policy and Argon2id hashing), and the first administrator. */
@NullMarked
package com.claribi.identity;

import org.jspecify.annotations.NullMarked;
