package org.ptcegraph.neo4j;

import java.util.Comparator;
import java.util.Optional;
import java.util.ServiceLoader;

import org.neo4j.configuration.Config;
import org.neo4j.gds.LicensingBusinessFacade;
import org.neo4j.gds.LicensingServiceBuilder;
import org.neo4j.gds.SysInfoProcFacade;
import org.neo4j.gds.applications.operations.FeatureTogglesRepository;
import org.neo4j.gds.core.model.OpenModelCatalog;
import org.neo4j.gds.core.write.NativeExportBuildersProvider;
import org.neo4j.gds.metrics.Metrics;
import org.neo4j.gds.procedures.integration.DefaultExportLocation;
import org.neo4j.gds.procedures.integration.LogAccessor;
import org.neo4j.gds.procedures.integration.OpenGraphDataScienceExtensionBuilder;
import org.neo4j.kernel.api.procedure.GlobalProcedures;
import org.neo4j.kernel.extension.ExtensionFactory;
import org.neo4j.kernel.extension.context.ExtensionContext;
import org.neo4j.kernel.lifecycle.Lifecycle;
import org.neo4j.logging.internal.LogService;

/**
 * Registers the component every GDS procedure is injected with. Maven Central carries the GDS
 * modules but not the open packaging's own extension class (it lives only in the plugin jar of
 * the GitHub releases), so this project builds the equivalent from the published modules:
 * native write-back, no metrics, an in-memory model catalogue and no model storage, as OpenGDS;
 * and the open licence state behind {@code gds.version()} / {@code gds.license.state()}.
 */
public final class OpenGdsExtension extends ExtensionFactory<OpenGdsExtension.Dependencies> {
    public OpenGdsExtension() {
        super("gds.open");
    }

    @Override
    public Lifecycle newInstance(ExtensionContext context, Dependencies dependencies) {
        var log = new LogAccessor().getLog(dependencies.logService(), getClass());
        var config = dependencies.config();
        var licensing = ServiceLoader.load(LicensingServiceBuilder.class).stream()
            .map(ServiceLoader.Provider::get)
            .max(Comparator.comparingInt(LicensingServiceBuilder::priority))
            .orElseThrow()
            .build(config);
        dependencies.globalProcedures().registerComponent(
            SysInfoProcFacade.class,
            ignored -> new SysInfoProcFacade(new LicensingBusinessFacade(licensing)),
            true);
        var built = OpenGraphDataScienceExtensionBuilder.create(
            log,
            dependencies.globalProcedures(),
            config,
            (database, configuration) -> new NativeExportBuildersProvider(),
            new DefaultExportLocation(log, config),
            new FeatureTogglesRepository(),
            Metrics.DISABLED,
            new OpenModelCatalog(),
            model -> {
                throw new UnsupportedOperationException("models are not stored in OpenGDS");
            },
            Optional.empty(),
            Optional.empty(),
            Optional.empty());
        return built.getLeft().build();
    }

    public interface Dependencies {
        Config config();

        GlobalProcedures globalProcedures();

        LogService logService();
    }
}
