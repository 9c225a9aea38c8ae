package dev.asynckatas.kit.races;

import java.security.CodeSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Whether a class the checker's trace names ({@code AdUpdater.Update}: a simple name, nested classes joined by dots) is
 * the test's own code: a class of a package the check's own classes come from (the state's, the threads' and the
 * invariants'), loaded as they are. That is the code under test and its fakes, never the JDK's or the kit's machinery,
 * so its steps are worth drawing however deep the JDK's calls nest them.
 */
final class OwnCode implements Predicate<String> {

    private record Place(String packageName, ClassLoader loader) {
    }

    private final List<Place> places = new ArrayList<>();
    private final Map<String, Boolean> known = new HashMap<>();
    private final CodeSource kit = RaceCheck.class.getProtectionDomain().getCodeSource();

    OwnCode(List<Class<?>> anchors) {
        for (Class<?> anchor : anchors) {
            Place place = new Place(anchor.getPackageName(), anchor.getClassLoader());
            if (!places.contains(place)) {
                places.add(place);
            }
        }
    }

    @Override
    public boolean test(String simpleName) {
        return known.computeIfAbsent(simpleName, this::resolves);
    }

    private boolean resolves(String simpleName) {
        String binary = simpleName.replace('.', '$');
        for (Place place : places) {
            String name = place.packageName().isEmpty() ? binary : place.packageName() + "." + binary;
            try {
                Class<?> found = Class.forName(name, false, place.loader());
                CodeSource source = found.getProtectionDomain().getCodeSource();
                return kit == null || source == null || !Objects.equals(source.getLocation(), kit.getLocation());
            } catch (ClassNotFoundException | LinkageError notHere) {
                // another place, or not the test's code
            }
        }
        return false;
    }
}
