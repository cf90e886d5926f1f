/** The API's objects as Java records (snake_case JSON fields as camelCase components), and request bodies. */
package com.claribi.client.model;
