package dev.asynckatas.kit.real;

import dev.asynckatas.platform.AppDelegate;
import dev.asynckatas.platform.AppProcess;
import dev.asynckatas.platform.Application;
import dev.asynckatas.platform.MainThread;
import dev.asynckatas.platform.TransferService;
import dev.asynckatas.platform.TransferSession;
import dev.asynckatas.platform.TransferTask;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * One process of the app on real threads: its own main thread ({@code main-#n}) and one delegate queue per session it
 * opens ({@code delegate-#n}). A termination shuts them down at once: queued tasks are dropped, a running one is
 * interrupted, and the transfer service forgets the process's delegates; the app's objects are never called again.
 */
public final class RealAppProcess implements AppProcess {

    private final RealDevice device;
    private final int number;
    private final boolean launchedBySystem;
    private final ExecutorService mainThread;
    private final java.util.concurrent.ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(
            task -> Thread.ofPlatform().name("main-timers").daemon().unstarted(task));
    private final MainThread main;
    private final RealApplication application;
    private final List<ExecutorService> queues = new CopyOnWriteArrayList<>();
    private final Map<String, Boolean> openSessions = new ConcurrentHashMap<>();
    private volatile Thread mainThreadItself;
    private volatile boolean alive = true;
    private volatile AppDelegate delegate;

    RealAppProcess(RealDevice device, int number, boolean launchedBySystem) {
        this.device = device;
        this.number = number;
        this.launchedBySystem = launchedBySystem;
        this.mainThread = Executors.newSingleThreadExecutor(task -> {
            Thread thread = Thread.ofPlatform().name("main-#" + number).daemon().unstarted(task);
            mainThreadItself = thread;
            return thread;
        });
        this.main = new MainThread() {
            @Override
            public void execute(Runnable task) {
                if (!alive) {
                    device.deadProcessCall(number, "its main thread was asked to run a task");
                    return;
                }
                mainThread.execute(task);
            }

            @Override
            public boolean isCurrent() {
                return Thread.currentThread() == mainThreadItself;
            }

            @Override
            public java.util.concurrent.Future<?> schedule(Duration delay, Runnable task) {
                return RealMainThread.timer(timers, this, delay, task);
            }

            @Override
            public String toString() {
                return "main thread of process #" + number;
            }
        };
        this.application = new RealApplication(main, Duration.ofSeconds(30));
    }

    @Override
    public MainThread main() {
        return main;
    }

    @Override
    public Application application() {
        return application;
    }

    @Override
    public TransferService transfers() {
        return new TransferService() {
            @Override
            public TransferSession backgroundSession(String identifier, TransferSession.Delegate delegate) {
                ExecutorService queue = Executors.newSingleThreadExecutor(
                        task -> Thread.ofPlatform().name("delegate-#" + number + "-" + identifier).daemon().unstarted(task));
                queues.add(queue);
                return open(identifier, delegate, queue);
            }

            @Override
            public TransferSession backgroundSession(String identifier, TransferSession.Delegate delegate, Executor delegateQueue) {
                return open(identifier, delegate, delegateQueue);
            }
        };
    }

    private TransferSession open(String identifier, TransferSession.Delegate sessionDelegate, Executor queue) {
        Objects.requireNonNull(identifier, "identifier");
        Objects.requireNonNull(sessionDelegate, "delegate");
        if (!alive) {
            device.deadProcessCall(number, "its TransferService.backgroundSession('" + identifier + "')");
            throw new IllegalStateException("process #" + number + " was terminated; nothing of it can be used");
        }
        if (openSessions.putIfAbsent(identifier, true) != null) {
            throw new IllegalStateException("A background session with the identifier '" + identifier + "' is already open in process #"
                    + number + ": open exactly one per identifier.");
        }
        RealTransferService service = device.transferService();
        java.util.concurrent.atomic.AtomicReference<TransferSession> session = new java.util.concurrent.atomic.AtomicReference<>();
        RealTransferService.Connection connection = new RealTransferService.Connection(this, sessionDelegate, queue, this::isAlive,
                new ConcurrentHashMap<>(), session::get);
        session.set(new TransferSession() {
            @Override
            public String identifier() {
                return identifier;
            }

            @Override
            public TransferTask download(URI url) {
                if (!alive) {
                    device.deadProcessCall(number, "its session '" + identifier + "'.download(" + url + ")");
                    throw new IllegalStateException("process #" + number + " was terminated; nothing of it can be used");
                }
                return service.view(service.download(identifier, url), connection);
            }

            @Override
            public CompletableFuture<List<TransferTask>> allTasks() {
                return CompletableFuture.supplyAsync(() -> service.unfinished(identifier).stream()
                        .map(task -> service.view(task, connection)).toList(), queue);
            }

            @Override
            public String toString() {
                return "background session '" + identifier + "' of process #" + number;
            }
        });
        service.connect(identifier, connection);
        return session.get();
    }

    @Override
    public Path documentsDirectory() {
        return device.documentsDirectory();
    }

    @Override
    public Path cachesDirectory() {
        return device.cachesDirectory();
    }

    public int number() {
        return number;
    }

    public boolean launchedBySystem() {
        return launchedBySystem;
    }

    public boolean isAlive() {
        return alive;
    }

    /** The delegate the factory built, once the launch has run. */
    public AppDelegate delegate() {
        return delegate;
    }

    void launch(java.util.function.Function<AppProcess, AppDelegate> factory, String wakingSession, Runnable completionHandler) {
        main.execute(() -> {
            delegate = factory.apply(this);
            delegate.didFinishLaunching();
            if (wakingSession != null) {
                delegate.handleEventsForBackgroundSession(wakingSession, completionHandler);
                device.transferService().wakeReady(wakingSession);
            }
        });
    }

    void terminate() {
        alive = false;
        mainThread.shutdownNow();
        timers.shutdownNow();
        queues.forEach(ExecutorService::shutdownNow);
        application.close();
        device.transferService().disconnect(this);
    }

    @Override
    public String toString() {
        return "process #" + number + (launchedBySystem ? " (launched by the system)" : "") + (alive ? "" : ", terminated");
    }
}
