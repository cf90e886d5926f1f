/** The Java SDK of the clariBI API: {@link com.claribi.client.ClaribiClient} and its areas, errors and listener. */
package com.claribi.client;
