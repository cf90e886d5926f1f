package com.claribi.support;

import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Document;

/** The project's one version, the {@code <version>} of its pom.xml, which every place that shows a version shows. */
public final class ProjectVersion {

    private ProjectVersion() {}

    public static String ofPom() {
        try {
            Document pom = DocumentBuilderFactory.newInstance()
                    .newDocumentBuilder()
                    .parse(Path.of("pom.xml").toFile());
            return XPathFactory.newInstance()
                    .newXPath()
                    .evaluate("/project/version", pom)
                    .strip();
        } catch (Exception e) {
            throw new AssertionError("Cannot read the version from pom.xml", e);
        }
    }
}
