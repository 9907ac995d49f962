# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_rctl_global_optspecs
    string join \n root= runroot= log-level= storage-driver= storage-opt= h/help V/version
end

function __fish_rctl_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_rctl_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_rctl_using_subcommand
    set -l cmd (__fish_rctl_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c rctl -n "__fish_rctl_needs_command" -l root -d 'Path of the persistent store (images, layers, containers)' -r -F
complete -c rctl -n "__fish_rctl_needs_command" -l runroot -d 'Path of the run-time state (pids, sockets)' -r -F
complete -c rctl -n "__fish_rctl_needs_command" -l log-level -d 'How much to log on standard error' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rctl -n "__fish_rctl_needs_command" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "overlay\t'Kernel overlayfs (also in a user namespace), fuse-overlayfs as fallback'
vfs\t'Plain copies of the layers: slow, works everywhere'"
complete -c rctl -n "__fish_rctl_needs_command" -l storage-opt -d 'Storage option: overlay.mount_program=PATH mounts overlays with a FUSE program (fuse-overlayfs) instead of the kernel' -r
complete -c rctl -n "__fish_rctl_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rctl -n "__fish_rctl_needs_command" -s V -l version -d 'Print version'
complete -c rctl -n "__fish_rctl_needs_command" -f -a "image" -d 'Manage images'
complete -c rctl -n "__fish_rctl_needs_command" -f -a "container" -d 'Manage containers'
complete -c rctl -n "__fish_rctl_needs_command" -f -a "network" -d 'Manage networks'
complete -c rctl -n "__fish_rctl_needs_command" -f -a "volume" -d 'Manage volumes'
complete -c rctl -n "__fish_rctl_needs_command" -f -a "run" -d 'Run a command in a new container'
complete -c rctl -n "__fish_rctl_needs_command" -f -a "create" -d 'Create a container without starting it'
complete -c rctl -n "__fish_rctl_needs_command" -f -a "start" -d 'Start containers'
complete -c rctl -n "__fish_rctl_needs_command" -f -a "stop" -d 'Stop containers'
complete -c rctl -n "__fish_rctl_needs_command" -f -a "restart" -d 'Restart containers'
complete -c rctl -n "__fish_rctl_needs_command" -f -a "kill" -d 'Send a signal to containers'
complete -c rctl -n "__fish_rctl_needs_command" -f -a "rm" -d 'Remove containers'
complete -c rctl -n "__fish_rctl_needs_command" -f -a "ps" -d 'List containers'
complete -c rctl -n "__fish_rctl_needs_command" -f -a "logs" -d 'Show a container\'s output'
complete -c rctl -n "__fish_rctl_needs_command" -f -a "wait" -d 'Wait for containers to exit and print their exit codes'
complete -c rctl -n "__fish_rctl_needs_command" -f -a "attach" -d 'Attach to a running container'
complete -c rctl -n "__fish_rctl_needs_command" -f -a "exec" -d 'Run a command in a running container'
complete -c rctl -n "__fish_rctl_needs_command" -f -a "rename" -d 'Rename a container'
complete -c rctl -n "__fish_rctl_needs_command" -f -a "cp" -d 'Copy files between a container and the host'
complete -c rctl -n "__fish_rctl_needs_command" -f -a "top" -d 'Show the processes of a container'
complete -c rctl -n "__fish_rctl_needs_command" -f -a "stats" -d 'Show containers\' CPU, memory, network, block I/O and process use'
complete -c rctl -n "__fish_rctl_needs_command" -f -a "port" -d 'List a container\'s published ports'
complete -c rctl -n "__fish_rctl_needs_command" -f -a "diff" -d 'Show what a container (or an image\'s top layer) changed'
complete -c rctl -n "__fish_rctl_needs_command" -f -a "commit" -d 'Make an image of a container\'s changes'
complete -c rctl -n "__fish_rctl_needs_command" -f -a "export" -d 'Write a container\'s filesystem as a tar archive'
complete -c rctl -n "__fish_rctl_needs_command" -f -a "update" -d 'Change a container\'s resource limits'
complete -c rctl -n "__fish_rctl_needs_command" -f -a "pause" -d 'Freeze every process of containers'
complete -c rctl -n "__fish_rctl_needs_command" -f -a "unpause" -d 'Thaw paused containers'
complete -c rctl -n "__fish_rctl_needs_command" -f -a "mount" -d 'Mount a container\'s root filesystem on the host (root only)'
complete -c rctl -n "__fish_rctl_needs_command" -f -a "unmount" -d 'Unmount a container\'s root filesystem from the host'
complete -c rctl -n "__fish_rctl_needs_command" -f -a "umount" -d 'Unmount a container\'s root filesystem from the host'
complete -c rctl -n "__fish_rctl_needs_command" -f -a "images" -d 'List images (same as `image ls`)'
complete -c rctl -n "__fish_rctl_needs_command" -f -a "build" -d 'Build an image from a Containerfile (same as `image build`)'
complete -c rctl -n "__fish_rctl_needs_command" -f -a "pull" -d 'Pull images from a registry (same as `image pull`)'
complete -c rctl -n "__fish_rctl_needs_command" -f -a "push" -d 'Push an image to a registry (same as `image push`)'
complete -c rctl -n "__fish_rctl_needs_command" -f -a "login" -d 'Log in to a registry'
complete -c rctl -n "__fish_rctl_needs_command" -f -a "logout" -d 'Log out of a registry'
complete -c rctl -n "__fish_rctl_needs_command" -f -a "load" -d 'Load images from an archive (same as `image load`)'
complete -c rctl -n "__fish_rctl_needs_command" -f -a "save" -d 'Save images to an archive (same as `image save`)'
complete -c rctl -n "__fish_rctl_needs_command" -f -a "import" -d 'Import a root filesystem tarball as an image (same as `image import`)'
complete -c rctl -n "__fish_rctl_needs_command" -f -a "tag" -d 'Add names to an image (same as `image tag`)'
complete -c rctl -n "__fish_rctl_needs_command" -f -a "untag" -d 'Remove names from an image (same as `image untag`)'
complete -c rctl -n "__fish_rctl_needs_command" -f -a "rmi" -d 'Remove images (same as `image rm`)'
complete -c rctl -n "__fish_rctl_needs_command" -f -a "history" -d 'Show the history of an image (same as `image history`)'
complete -c rctl -n "__fish_rctl_needs_command" -f -a "inspect" -d 'Show details of containers and images'
complete -c rctl -n "__fish_rctl_needs_command" -f -a "system" -d 'Manage rctl itself: disk use, store checks, reset'
complete -c rctl -n "__fish_rctl_needs_command" -f -a "completion" -d 'Print shell completions'
complete -c rctl -n "__fish_rctl_needs_command" -f -a "unshare" -d 'Run a command in rootless rctl\'s user namespace'
complete -c rctl -n "__fish_rctl_needs_command" -f -a "__monitor" -d 'A container\'s monitor (started by rctl itself)'
complete -c rctl -n "__fish_rctl_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rctl -n "__fish_rctl_using_subcommand image; and not __fish_seen_subcommand_from ls list load save import tag untag rm remove inspect history prune build pull push exists help" -l root -d 'Path of the persistent store (images, layers, containers)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand image; and not __fish_seen_subcommand_from ls list load save import tag untag rm remove inspect history prune build pull push exists help" -l runroot -d 'Path of the run-time state (pids, sockets)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand image; and not __fish_seen_subcommand_from ls list load save import tag untag rm remove inspect history prune build pull push exists help" -l log-level -d 'How much to log on standard error' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rctl -n "__fish_rctl_using_subcommand image; and not __fish_seen_subcommand_from ls list load save import tag untag rm remove inspect history prune build pull push exists help" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "overlay\t'Kernel overlayfs (also in a user namespace), fuse-overlayfs as fallback'
vfs\t'Plain copies of the layers: slow, works everywhere'"
complete -c rctl -n "__fish_rctl_using_subcommand image; and not __fish_seen_subcommand_from ls list load save import tag untag rm remove inspect history prune build pull push exists help" -l storage-opt -d 'Storage option: overlay.mount_program=PATH mounts overlays with a FUSE program (fuse-overlayfs) instead of the kernel' -r
complete -c rctl -n "__fish_rctl_using_subcommand image; and not __fish_seen_subcommand_from ls list load save import tag untag rm remove inspect history prune build pull push exists help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rctl -n "__fish_rctl_using_subcommand image; and not __fish_seen_subcommand_from ls list load save import tag untag rm remove inspect history prune build pull push exists help" -f -a "ls" -d 'List images'
complete -c rctl -n "__fish_rctl_using_subcommand image; and not __fish_seen_subcommand_from ls list load save import tag untag rm remove inspect history prune build pull push exists help" -f -a "list" -d 'List images'
complete -c rctl -n "__fish_rctl_using_subcommand image; and not __fish_seen_subcommand_from ls list load save import tag untag rm remove inspect history prune build pull push exists help" -f -a "load" -d 'Load images from an archive'
complete -c rctl -n "__fish_rctl_using_subcommand image; and not __fish_seen_subcommand_from ls list load save import tag untag rm remove inspect history prune build pull push exists help" -f -a "save" -d 'Save images to an archive'
complete -c rctl -n "__fish_rctl_using_subcommand image; and not __fish_seen_subcommand_from ls list load save import tag untag rm remove inspect history prune build pull push exists help" -f -a "import" -d 'Import a root filesystem tarball as an image'
complete -c rctl -n "__fish_rctl_using_subcommand image; and not __fish_seen_subcommand_from ls list load save import tag untag rm remove inspect history prune build pull push exists help" -f -a "tag" -d 'Add names to an image'
complete -c rctl -n "__fish_rctl_using_subcommand image; and not __fish_seen_subcommand_from ls list load save import tag untag rm remove inspect history prune build pull push exists help" -f -a "untag" -d 'Remove names from an image'
complete -c rctl -n "__fish_rctl_using_subcommand image; and not __fish_seen_subcommand_from ls list load save import tag untag rm remove inspect history prune build pull push exists help" -f -a "rm" -d 'Remove images'
complete -c rctl -n "__fish_rctl_using_subcommand image; and not __fish_seen_subcommand_from ls list load save import tag untag rm remove inspect history prune build pull push exists help" -f -a "remove" -d 'Remove images'
complete -c rctl -n "__fish_rctl_using_subcommand image; and not __fish_seen_subcommand_from ls list load save import tag untag rm remove inspect history prune build pull push exists help" -f -a "inspect" -d 'Show details of images'
complete -c rctl -n "__fish_rctl_using_subcommand image; and not __fish_seen_subcommand_from ls list load save import tag untag rm remove inspect history prune build pull push exists help" -f -a "history" -d 'Show the history of an image'
complete -c rctl -n "__fish_rctl_using_subcommand image; and not __fish_seen_subcommand_from ls list load save import tag untag rm remove inspect history prune build pull push exists help" -f -a "prune" -d 'Remove unused images'
complete -c rctl -n "__fish_rctl_using_subcommand image; and not __fish_seen_subcommand_from ls list load save import tag untag rm remove inspect history prune build pull push exists help" -f -a "build" -d 'Build an image from a Containerfile'
complete -c rctl -n "__fish_rctl_using_subcommand image; and not __fish_seen_subcommand_from ls list load save import tag untag rm remove inspect history prune build pull push exists help" -f -a "pull" -d 'Pull images from a registry'
complete -c rctl -n "__fish_rctl_using_subcommand image; and not __fish_seen_subcommand_from ls list load save import tag untag rm remove inspect history prune build pull push exists help" -f -a "push" -d 'Push an image to a registry'
complete -c rctl -n "__fish_rctl_using_subcommand image; and not __fish_seen_subcommand_from ls list load save import tag untag rm remove inspect history prune build pull push exists help" -f -a "exists" -d 'Exit 0 if an image is in the store, 1 if not'
complete -c rctl -n "__fish_rctl_using_subcommand image; and not __fish_seen_subcommand_from ls list load save import tag untag rm remove inspect history prune build pull push exists help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from ls" -s f -l filter -d 'Filter: reference=, label=, dangling=, id=, before=, since=' -r
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from ls" -l sort -d 'Sort by created, id, repository, size or tag' -r -f -a "created\t''
id\t''
repository\t''
size\t''
tag\t''"
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from ls" -l format -d 'Print with a Go template, or `json`' -r
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from ls" -l root -d 'Path of the persistent store (images, layers, containers)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from ls" -l runroot -d 'Path of the run-time state (pids, sockets)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from ls" -l log-level -d 'How much to log on standard error' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from ls" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "overlay\t'Kernel overlayfs (also in a user namespace), fuse-overlayfs as fallback'
vfs\t'Plain copies of the layers: slow, works everywhere'"
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from ls" -l storage-opt -d 'Storage option: overlay.mount_program=PATH mounts overlays with a FUSE program (fuse-overlayfs) instead of the kernel' -r
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from ls" -s a -l all -d 'Show intermediate images too'
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Show only image ids'
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from ls" -l digests -d 'Show digests'
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from ls" -l no-trunc -d 'Do not shorten ids'
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from ls" -s n -l noheading -d 'Do not print the header line'
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from list" -s f -l filter -d 'Filter: reference=, label=, dangling=, id=, before=, since=' -r
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from list" -l sort -d 'Sort by created, id, repository, size or tag' -r -f -a "created\t''
id\t''
repository\t''
size\t''
tag\t''"
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from list" -l format -d 'Print with a Go template, or `json`' -r
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from list" -l root -d 'Path of the persistent store (images, layers, containers)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from list" -l runroot -d 'Path of the run-time state (pids, sockets)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from list" -l log-level -d 'How much to log on standard error' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from list" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "overlay\t'Kernel overlayfs (also in a user namespace), fuse-overlayfs as fallback'
vfs\t'Plain copies of the layers: slow, works everywhere'"
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from list" -l storage-opt -d 'Storage option: overlay.mount_program=PATH mounts overlays with a FUSE program (fuse-overlayfs) instead of the kernel' -r
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from list" -s a -l all -d 'Show intermediate images too'
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Show only image ids'
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from list" -l digests -d 'Show digests'
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from list" -l no-trunc -d 'Do not shorten ids'
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from list" -s n -l noheading -d 'Do not print the header line'
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from load" -s i -l input -d 'Read from this archive or OCI layout directory instead of standard input' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from load" -l root -d 'Path of the persistent store (images, layers, containers)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from load" -l runroot -d 'Path of the run-time state (pids, sockets)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from load" -l log-level -d 'How much to log on standard error' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from load" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "overlay\t'Kernel overlayfs (also in a user namespace), fuse-overlayfs as fallback'
vfs\t'Plain copies of the layers: slow, works everywhere'"
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from load" -l storage-opt -d 'Storage option: overlay.mount_program=PATH mounts overlays with a FUSE program (fuse-overlayfs) instead of the kernel' -r
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from load" -s q -l quiet -d 'Print nothing but errors'
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from load" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from save" -s o -l output -d 'Write to this file (or directory for oci-dir) instead of standard output' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from save" -l format -d 'Archive format' -r -f -a "docker-archive\t'docker\'s `docker save` layout (manifest.json)'
oci-archive\t'An OCI image layout in a tar file'
oci-dir\t'An OCI image layout in a directory'"
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from save" -l root -d 'Path of the persistent store (images, layers, containers)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from save" -l runroot -d 'Path of the run-time state (pids, sockets)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from save" -l log-level -d 'How much to log on standard error' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from save" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "overlay\t'Kernel overlayfs (also in a user namespace), fuse-overlayfs as fallback'
vfs\t'Plain copies of the layers: slow, works everywhere'"
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from save" -l storage-opt -d 'Storage option: overlay.mount_program=PATH mounts overlays with a FUSE program (fuse-overlayfs) instead of the kernel' -r
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from save" -s m -l multi-image-archive -d 'Accepted for podman compatibility: several images always go in one archive'
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from save" -s q -l quiet -d 'Print nothing but errors'
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from save" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from import" -s c -l change -d 'Apply a Dockerfile instruction (CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, ONBUILD, STOPSIGNAL, USER, VOLUME, WORKDIR)' -r
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from import" -s m -l message -d 'Comment for the image\'s history' -r
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from import" -l arch -d 'Architecture to record instead of the host\'s' -r
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from import" -l os -d 'Operating system to record instead of the host\'s' -r
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from import" -l variant -d 'Architecture variant to record' -r
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from import" -l root -d 'Path of the persistent store (images, layers, containers)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from import" -l runroot -d 'Path of the run-time state (pids, sockets)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from import" -l log-level -d 'How much to log on standard error' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from import" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "overlay\t'Kernel overlayfs (also in a user namespace), fuse-overlayfs as fallback'
vfs\t'Plain copies of the layers: slow, works everywhere'"
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from import" -l storage-opt -d 'Storage option: overlay.mount_program=PATH mounts overlays with a FUSE program (fuse-overlayfs) instead of the kernel' -r
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from import" -s q -l quiet -d 'Print only the image id'
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from import" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from tag" -l root -d 'Path of the persistent store (images, layers, containers)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from tag" -l runroot -d 'Path of the run-time state (pids, sockets)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from tag" -l log-level -d 'How much to log on standard error' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from tag" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "overlay\t'Kernel overlayfs (also in a user namespace), fuse-overlayfs as fallback'
vfs\t'Plain copies of the layers: slow, works everywhere'"
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from tag" -l storage-opt -d 'Storage option: overlay.mount_program=PATH mounts overlays with a FUSE program (fuse-overlayfs) instead of the kernel' -r
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from tag" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from untag" -l root -d 'Path of the persistent store (images, layers, containers)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from untag" -l runroot -d 'Path of the run-time state (pids, sockets)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from untag" -l log-level -d 'How much to log on standard error' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from untag" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "overlay\t'Kernel overlayfs (also in a user namespace), fuse-overlayfs as fallback'
vfs\t'Plain copies of the layers: slow, works everywhere'"
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from untag" -l storage-opt -d 'Storage option: overlay.mount_program=PATH mounts overlays with a FUSE program (fuse-overlayfs) instead of the kernel' -r
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from untag" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from rm" -l root -d 'Path of the persistent store (images, layers, containers)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from rm" -l runroot -d 'Path of the run-time state (pids, sockets)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from rm" -l log-level -d 'How much to log on standard error' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from rm" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "overlay\t'Kernel overlayfs (also in a user namespace), fuse-overlayfs as fallback'
vfs\t'Plain copies of the layers: slow, works everywhere'"
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from rm" -l storage-opt -d 'Storage option: overlay.mount_program=PATH mounts overlays with a FUSE program (fuse-overlayfs) instead of the kernel' -r
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from rm" -s a -l all -d 'Remove every image'
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from rm" -s f -l force -d 'Remove the image even when it has several names, or is in use'
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from rm" -s i -l ignore -d 'Do not fail for images that do not exist'
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from remove" -l root -d 'Path of the persistent store (images, layers, containers)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from remove" -l runroot -d 'Path of the run-time state (pids, sockets)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from remove" -l log-level -d 'How much to log on standard error' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from remove" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "overlay\t'Kernel overlayfs (also in a user namespace), fuse-overlayfs as fallback'
vfs\t'Plain copies of the layers: slow, works everywhere'"
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from remove" -l storage-opt -d 'Storage option: overlay.mount_program=PATH mounts overlays with a FUSE program (fuse-overlayfs) instead of the kernel' -r
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from remove" -s a -l all -d 'Remove every image'
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from remove" -s f -l force -d 'Remove the image even when it has several names, or is in use'
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from remove" -s i -l ignore -d 'Do not fail for images that do not exist'
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from inspect" -s f -l format -d 'Print with a Go template instead of JSON' -r
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from inspect" -l root -d 'Path of the persistent store (images, layers, containers)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from inspect" -l runroot -d 'Path of the run-time state (pids, sockets)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from inspect" -l log-level -d 'How much to log on standard error' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from inspect" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "overlay\t'Kernel overlayfs (also in a user namespace), fuse-overlayfs as fallback'
vfs\t'Plain copies of the layers: slow, works everywhere'"
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from inspect" -l storage-opt -d 'Storage option: overlay.mount_program=PATH mounts overlays with a FUSE program (fuse-overlayfs) instead of the kernel' -r
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from history" -s H -l human -d 'Show sizes and dates for humans' -r -f -a "true\t''
false\t''"
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from history" -l format -d 'Print with a Go template, or `json`' -r
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from history" -l root -d 'Path of the persistent store (images, layers, containers)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from history" -l runroot -d 'Path of the run-time state (pids, sockets)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from history" -l log-level -d 'How much to log on standard error' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from history" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "overlay\t'Kernel overlayfs (also in a user namespace), fuse-overlayfs as fallback'
vfs\t'Plain copies of the layers: slow, works everywhere'"
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from history" -l storage-opt -d 'Storage option: overlay.mount_program=PATH mounts overlays with a FUSE program (fuse-overlayfs) instead of the kernel' -r
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from history" -l no-trunc -d 'Do not shorten ids and instructions'
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from history" -s q -l quiet -d 'Show only ids'
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from history" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from prune" -l filter -d 'Only prune images matching: label=, before=, since=, ...' -r
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from prune" -l root -d 'Path of the persistent store (images, layers, containers)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from prune" -l runroot -d 'Path of the run-time state (pids, sockets)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from prune" -l log-level -d 'How much to log on standard error' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from prune" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "overlay\t'Kernel overlayfs (also in a user namespace), fuse-overlayfs as fallback'
vfs\t'Plain copies of the layers: slow, works everywhere'"
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from prune" -l storage-opt -d 'Storage option: overlay.mount_program=PATH mounts overlays with a FUSE program (fuse-overlayfs) instead of the kernel' -r
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from prune" -s a -l all -d 'Remove every image no container uses, not only dangling ones'
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from prune" -s f -l force -d 'Do not ask for confirmation'
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from build" -s t -l tag -d 'Name (and tag) for the image; repeatable' -r
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from build" -s f -l file -d 'The Containerfile (default: Containerfile, then Dockerfile, in the context); `-` reads standard input' -r
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from build" -l build-arg -d 'A build argument; `NAME` alone takes the value from the environment' -r
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from build" -l target -d 'Build up to this stage' -r
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from build" -l pull -d 'When to pull base images: always (also `--pull` alone), missing, never, newer' -r -f -a "missing\t'Only when the store lacks it'
always\t'Every time'
never\t'Never: the image must be in the store'
newer\t'When the registry has a different image under the name (or the store lacks it)'"
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from build" -l label -d 'A label for the image; repeatable' -r
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from build" -l layers -d 'Keep each step\'s image to reuse in later builds (default true)' -r -f -a "true\t''
false\t''"
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from build" -l timestamp -d 'Set every created time, and the time of every file in new layers, to these seconds since the epoch (reproducible builds)' -r
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from build" -l network -d 'The network of RUN steps (default as `run`\'s)' -r
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from build" -l secret -d 'A secret for `RUN --mount=type=secret`: id=ID,src=PATH' -r
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from build" -l iidfile -d 'Write the image id to this file' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from build" -l format -d 'Image format (oci or docker; rctl writes OCI either way)' -r -f -a "oci\t''
docker\t''"
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from build" -l rm -d 'Remove the step containers (always done)' -r -f -a "true\t''
false\t''"
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from build" -l platform -d 'Platform of the image to take from a manifest list (OS/ARCH[/VARIANT])' -r
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from build" -l arch -d 'Architecture to take instead of the host\'s' -r
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from build" -l os -d 'Operating system to take instead of the host\'s' -r
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from build" -l variant -d 'CPU variant to take (v7, v8, ...)' -r
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from build" -l authfile -d 'Credentials file (default: podman\'s auth.json; docker\'s config.json is read too)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from build" -l creds -d 'Credentials (USERNAME[:PASSWORD]) for the registry' -r
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from build" -l tls-verify -d 'Require HTTPS and verify certificates (`--tls-verify=false` allows plain HTTP)' -r -f -a "true\t''
false\t''"
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from build" -l root -d 'Path of the persistent store (images, layers, containers)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from build" -l runroot -d 'Path of the run-time state (pids, sockets)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from build" -l log-level -d 'How much to log on standard error' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from build" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "overlay\t'Kernel overlayfs (also in a user namespace), fuse-overlayfs as fallback'
vfs\t'Plain copies of the layers: slow, works everywhere'"
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from build" -l storage-opt -d 'Storage option: overlay.mount_program=PATH mounts overlays with a FUSE program (fuse-overlayfs) instead of the kernel' -r
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from build" -l no-cache -d 'Run every step, using no cached step'
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from build" -l squash -d 'The new layers as one'
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from build" -s q -l quiet -d 'Print only the image id'
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from build" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from pull" -l platform -d 'Platform of the image to take from a manifest list (OS/ARCH[/VARIANT])' -r
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from pull" -l arch -d 'Architecture to take instead of the host\'s' -r
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from pull" -l os -d 'Operating system to take instead of the host\'s' -r
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from pull" -l variant -d 'CPU variant to take (v7, v8, ...)' -r
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from pull" -l authfile -d 'Credentials file (default: podman\'s auth.json; docker\'s config.json is read too)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from pull" -l creds -d 'Credentials (USERNAME[:PASSWORD]) for the registry' -r
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from pull" -l tls-verify -d 'Require HTTPS and verify certificates (`--tls-verify=false` allows plain HTTP)' -r -f -a "true\t''
false\t''"
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from pull" -l root -d 'Path of the persistent store (images, layers, containers)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from pull" -l runroot -d 'Path of the run-time state (pids, sockets)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from pull" -l log-level -d 'How much to log on standard error' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from pull" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "overlay\t'Kernel overlayfs (also in a user namespace), fuse-overlayfs as fallback'
vfs\t'Plain copies of the layers: slow, works everywhere'"
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from pull" -l storage-opt -d 'Storage option: overlay.mount_program=PATH mounts overlays with a FUSE program (fuse-overlayfs) instead of the kernel' -r
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from pull" -s a -l all-tags -d 'Pull every tag of the repository'
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from pull" -s q -l quiet -d 'Print nothing but the image ids'
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from pull" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from push" -l compression-format -d 'Layer compression' -r -f -a "gzip\t'gzip (every registry and client reads it)'
zstd\t'zstd (smaller and faster; needs a recent client)'"
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from push" -s f -l format -d 'Manifest format' -r -f -a "oci\t'OCI image manifest'
v2s2\t'Docker image manifest, schema 2'"
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from push" -l digestfile -d 'Write the pushed manifest\'s digest to this file' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from push" -l authfile -d 'Credentials file (default: podman\'s auth.json; docker\'s config.json is read too)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from push" -l creds -d 'Credentials (USERNAME[:PASSWORD]) for the registry' -r
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from push" -l tls-verify -d 'Require HTTPS and verify certificates (`--tls-verify=false` allows plain HTTP)' -r -f -a "true\t''
false\t''"
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from push" -l root -d 'Path of the persistent store (images, layers, containers)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from push" -l runroot -d 'Path of the run-time state (pids, sockets)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from push" -l log-level -d 'How much to log on standard error' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from push" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "overlay\t'Kernel overlayfs (also in a user namespace), fuse-overlayfs as fallback'
vfs\t'Plain copies of the layers: slow, works everywhere'"
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from push" -l storage-opt -d 'Storage option: overlay.mount_program=PATH mounts overlays with a FUSE program (fuse-overlayfs) instead of the kernel' -r
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from push" -s q -l quiet -d 'Print nothing but errors'
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from push" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from exists" -l root -d 'Path of the persistent store (images, layers, containers)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from exists" -l runroot -d 'Path of the run-time state (pids, sockets)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from exists" -l log-level -d 'How much to log on standard error' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from exists" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "overlay\t'Kernel overlayfs (also in a user namespace), fuse-overlayfs as fallback'
vfs\t'Plain copies of the layers: slow, works everywhere'"
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from exists" -l storage-opt -d 'Storage option: overlay.mount_program=PATH mounts overlays with a FUSE program (fuse-overlayfs) instead of the kernel' -r
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from exists" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "ls" -d 'List images'
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "load" -d 'Load images from an archive'
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "save" -d 'Save images to an archive'
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "import" -d 'Import a root filesystem tarball as an image'
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "tag" -d 'Add names to an image'
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "untag" -d 'Remove names from an image'
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "rm" -d 'Remove images'
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "inspect" -d 'Show details of images'
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "history" -d 'Show the history of an image'
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "prune" -d 'Remove unused images'
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "build" -d 'Build an image from a Containerfile'
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "pull" -d 'Pull images from a registry'
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "push" -d 'Push an image to a registry'
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "exists" -d 'Exit 0 if an image is in the store, 1 if not'
complete -c rctl -n "__fish_rctl_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rctl -n "__fish_rctl_using_subcommand container; and not __fish_seen_subcommand_from run create start stop restart kill rm remove ls list logs wait attach exec inspect rename prune exists cp top stats port diff commit export update pause unpause mount unmount umount help" -l root -d 'Path of the persistent store (images, layers, containers)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand container; and not __fish_seen_subcommand_from run create start stop restart kill rm remove ls list logs wait attach exec inspect rename prune exists cp top stats port diff commit export update pause unpause mount unmount umount help" -l runroot -d 'Path of the run-time state (pids, sockets)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand container; and not __fish_seen_subcommand_from run create start stop restart kill rm remove ls list logs wait attach exec inspect rename prune exists cp top stats port diff commit export update pause unpause mount unmount umount help" -l log-level -d 'How much to log on standard error' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rctl -n "__fish_rctl_using_subcommand container; and not __fish_seen_subcommand_from run create start stop restart kill rm remove ls list logs wait attach exec inspect rename prune exists cp top stats port diff commit export update pause unpause mount unmount umount help" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "overlay\t'Kernel overlayfs (also in a user namespace), fuse-overlayfs as fallback'
vfs\t'Plain copies of the layers: slow, works everywhere'"
complete -c rctl -n "__fish_rctl_using_subcommand container; and not __fish_seen_subcommand_from run create start stop restart kill rm remove ls list logs wait attach exec inspect rename prune exists cp top stats port diff commit export update pause unpause mount unmount umount help" -l storage-opt -d 'Storage option: overlay.mount_program=PATH mounts overlays with a FUSE program (fuse-overlayfs) instead of the kernel' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and not __fish_seen_subcommand_from run create start stop restart kill rm remove ls list logs wait attach exec inspect rename prune exists cp top stats port diff commit export update pause unpause mount unmount umount help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rctl -n "__fish_rctl_using_subcommand container; and not __fish_seen_subcommand_from run create start stop restart kill rm remove ls list logs wait attach exec inspect rename prune exists cp top stats port diff commit export update pause unpause mount unmount umount help" -f -a "run" -d 'Run a command in a new container'
complete -c rctl -n "__fish_rctl_using_subcommand container; and not __fish_seen_subcommand_from run create start stop restart kill rm remove ls list logs wait attach exec inspect rename prune exists cp top stats port diff commit export update pause unpause mount unmount umount help" -f -a "create" -d 'Create a container without starting it'
complete -c rctl -n "__fish_rctl_using_subcommand container; and not __fish_seen_subcommand_from run create start stop restart kill rm remove ls list logs wait attach exec inspect rename prune exists cp top stats port diff commit export update pause unpause mount unmount umount help" -f -a "start" -d 'Start containers'
complete -c rctl -n "__fish_rctl_using_subcommand container; and not __fish_seen_subcommand_from run create start stop restart kill rm remove ls list logs wait attach exec inspect rename prune exists cp top stats port diff commit export update pause unpause mount unmount umount help" -f -a "stop" -d 'Stop containers'
complete -c rctl -n "__fish_rctl_using_subcommand container; and not __fish_seen_subcommand_from run create start stop restart kill rm remove ls list logs wait attach exec inspect rename prune exists cp top stats port diff commit export update pause unpause mount unmount umount help" -f -a "restart" -d 'Restart containers'
complete -c rctl -n "__fish_rctl_using_subcommand container; and not __fish_seen_subcommand_from run create start stop restart kill rm remove ls list logs wait attach exec inspect rename prune exists cp top stats port diff commit export update pause unpause mount unmount umount help" -f -a "kill" -d 'Send a signal to containers'
complete -c rctl -n "__fish_rctl_using_subcommand container; and not __fish_seen_subcommand_from run create start stop restart kill rm remove ls list logs wait attach exec inspect rename prune exists cp top stats port diff commit export update pause unpause mount unmount umount help" -f -a "rm" -d 'Remove containers'
complete -c rctl -n "__fish_rctl_using_subcommand container; and not __fish_seen_subcommand_from run create start stop restart kill rm remove ls list logs wait attach exec inspect rename prune exists cp top stats port diff commit export update pause unpause mount unmount umount help" -f -a "remove" -d 'Remove containers'
complete -c rctl -n "__fish_rctl_using_subcommand container; and not __fish_seen_subcommand_from run create start stop restart kill rm remove ls list logs wait attach exec inspect rename prune exists cp top stats port diff commit export update pause unpause mount unmount umount help" -f -a "ls" -d 'List containers'
complete -c rctl -n "__fish_rctl_using_subcommand container; and not __fish_seen_subcommand_from run create start stop restart kill rm remove ls list logs wait attach exec inspect rename prune exists cp top stats port diff commit export update pause unpause mount unmount umount help" -f -a "list" -d 'List containers'
complete -c rctl -n "__fish_rctl_using_subcommand container; and not __fish_seen_subcommand_from run create start stop restart kill rm remove ls list logs wait attach exec inspect rename prune exists cp top stats port diff commit export update pause unpause mount unmount umount help" -f -a "logs" -d 'Show a container\'s output'
complete -c rctl -n "__fish_rctl_using_subcommand container; and not __fish_seen_subcommand_from run create start stop restart kill rm remove ls list logs wait attach exec inspect rename prune exists cp top stats port diff commit export update pause unpause mount unmount umount help" -f -a "wait" -d 'Wait for containers to exit and print their exit codes'
complete -c rctl -n "__fish_rctl_using_subcommand container; and not __fish_seen_subcommand_from run create start stop restart kill rm remove ls list logs wait attach exec inspect rename prune exists cp top stats port diff commit export update pause unpause mount unmount umount help" -f -a "attach" -d 'Attach to a running container'
complete -c rctl -n "__fish_rctl_using_subcommand container; and not __fish_seen_subcommand_from run create start stop restart kill rm remove ls list logs wait attach exec inspect rename prune exists cp top stats port diff commit export update pause unpause mount unmount umount help" -f -a "exec" -d 'Run a command in a running container'
complete -c rctl -n "__fish_rctl_using_subcommand container; and not __fish_seen_subcommand_from run create start stop restart kill rm remove ls list logs wait attach exec inspect rename prune exists cp top stats port diff commit export update pause unpause mount unmount umount help" -f -a "inspect" -d 'Show details of containers'
complete -c rctl -n "__fish_rctl_using_subcommand container; and not __fish_seen_subcommand_from run create start stop restart kill rm remove ls list logs wait attach exec inspect rename prune exists cp top stats port diff commit export update pause unpause mount unmount umount help" -f -a "rename" -d 'Rename a container'
complete -c rctl -n "__fish_rctl_using_subcommand container; and not __fish_seen_subcommand_from run create start stop restart kill rm remove ls list logs wait attach exec inspect rename prune exists cp top stats port diff commit export update pause unpause mount unmount umount help" -f -a "prune" -d 'Remove all stopped containers'
complete -c rctl -n "__fish_rctl_using_subcommand container; and not __fish_seen_subcommand_from run create start stop restart kill rm remove ls list logs wait attach exec inspect rename prune exists cp top stats port diff commit export update pause unpause mount unmount umount help" -f -a "exists" -d 'Exit 0 if a container exists, 1 if not'
complete -c rctl -n "__fish_rctl_using_subcommand container; and not __fish_seen_subcommand_from run create start stop restart kill rm remove ls list logs wait attach exec inspect rename prune exists cp top stats port diff commit export update pause unpause mount unmount umount help" -f -a "cp" -d 'Copy files between a container and the host'
complete -c rctl -n "__fish_rctl_using_subcommand container; and not __fish_seen_subcommand_from run create start stop restart kill rm remove ls list logs wait attach exec inspect rename prune exists cp top stats port diff commit export update pause unpause mount unmount umount help" -f -a "top" -d 'Show the processes of a container'
complete -c rctl -n "__fish_rctl_using_subcommand container; and not __fish_seen_subcommand_from run create start stop restart kill rm remove ls list logs wait attach exec inspect rename prune exists cp top stats port diff commit export update pause unpause mount unmount umount help" -f -a "stats" -d 'Show containers\' CPU, memory, network, block I/O and process use'
complete -c rctl -n "__fish_rctl_using_subcommand container; and not __fish_seen_subcommand_from run create start stop restart kill rm remove ls list logs wait attach exec inspect rename prune exists cp top stats port diff commit export update pause unpause mount unmount umount help" -f -a "port" -d 'List a container\'s published ports'
complete -c rctl -n "__fish_rctl_using_subcommand container; and not __fish_seen_subcommand_from run create start stop restart kill rm remove ls list logs wait attach exec inspect rename prune exists cp top stats port diff commit export update pause unpause mount unmount umount help" -f -a "diff" -d 'Show what a container changed in its filesystem'
complete -c rctl -n "__fish_rctl_using_subcommand container; and not __fish_seen_subcommand_from run create start stop restart kill rm remove ls list logs wait attach exec inspect rename prune exists cp top stats port diff commit export update pause unpause mount unmount umount help" -f -a "commit" -d 'Make an image of a container\'s changes'
complete -c rctl -n "__fish_rctl_using_subcommand container; and not __fish_seen_subcommand_from run create start stop restart kill rm remove ls list logs wait attach exec inspect rename prune exists cp top stats port diff commit export update pause unpause mount unmount umount help" -f -a "export" -d 'Write a container\'s filesystem as a tar archive'
complete -c rctl -n "__fish_rctl_using_subcommand container; and not __fish_seen_subcommand_from run create start stop restart kill rm remove ls list logs wait attach exec inspect rename prune exists cp top stats port diff commit export update pause unpause mount unmount umount help" -f -a "update" -d 'Change a container\'s resource limits'
complete -c rctl -n "__fish_rctl_using_subcommand container; and not __fish_seen_subcommand_from run create start stop restart kill rm remove ls list logs wait attach exec inspect rename prune exists cp top stats port diff commit export update pause unpause mount unmount umount help" -f -a "pause" -d 'Freeze every process of containers'
complete -c rctl -n "__fish_rctl_using_subcommand container; and not __fish_seen_subcommand_from run create start stop restart kill rm remove ls list logs wait attach exec inspect rename prune exists cp top stats port diff commit export update pause unpause mount unmount umount help" -f -a "unpause" -d 'Thaw paused containers'
complete -c rctl -n "__fish_rctl_using_subcommand container; and not __fish_seen_subcommand_from run create start stop restart kill rm remove ls list logs wait attach exec inspect rename prune exists cp top stats port diff commit export update pause unpause mount unmount umount help" -f -a "mount" -d 'Mount a container\'s root filesystem on the host (root only)'
complete -c rctl -n "__fish_rctl_using_subcommand container; and not __fish_seen_subcommand_from run create start stop restart kill rm remove ls list logs wait attach exec inspect rename prune exists cp top stats port diff commit export update pause unpause mount unmount umount help" -f -a "unmount" -d 'Unmount a container\'s root filesystem from the host'
complete -c rctl -n "__fish_rctl_using_subcommand container; and not __fish_seen_subcommand_from run create start stop restart kill rm remove ls list logs wait attach exec inspect rename prune exists cp top stats port diff commit export update pause unpause mount unmount umount help" -f -a "umount" -d 'Unmount a container\'s root filesystem from the host'
complete -c rctl -n "__fish_rctl_using_subcommand container; and not __fish_seen_subcommand_from run create start stop restart kill rm remove ls list logs wait attach exec inspect rename prune exists cp top stats port diff commit export update pause unpause mount unmount umount help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from run" -l name -d 'Name of the container' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from run" -s e -l env -d 'Set an environment variable (NAME=VALUE, or NAME to take the host\'s)' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from run" -l env-file -d 'Read environment variables from a file' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from run" -s w -l workdir -d 'Working directory inside the container' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from run" -s u -l user -d 'User (name, uid, name:group, uid:gid)' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from run" -l entrypoint -d 'Override the image\'s entrypoint ("" clears it; a JSON array is allowed)' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from run" -s h -l hostname -d 'Host name inside the container' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from run" -l network -d 'Network: none, host, private[:allow_host_loopback=true] (rctl\'s own user-mode stack), slirp4netns[:OPTIONS], pasta[:OPTIONS], container:NAME, bridge (the default network, root only) or a network\'s name. Default: bridge for root, private rootless' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from run" -s p -l publish -d 'Publish a container\'s port on the host ([IP:][HOST_PORT:]PORT[/tcp|udp], ranges too)' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from run" -l network-alias -d 'Another name the container has on its network' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from run" -l ip -d 'The container\'s IPv4 address on its network (bridge networks)' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from run" -l mac-address -d 'The container\'s MAC address on its network (bridge networks)' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from run" -l add-host -d 'Add a line to /etc/hosts (NAME:IP)' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from run" -l dns -d 'Name server for /etc/resolv.conf (replaces the host\'s)' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from run" -l dns-search -d 'Search domain for /etc/resolv.conf (replaces the host\'s; `.` for none)' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from run" -l dns-option -d 'Option for /etc/resolv.conf (replaces the host\'s)' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from run" -l stop-signal -d 'Signal that stops the container' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from run" -l stop-timeout -d 'Seconds to wait for the stop signal before SIGKILL' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from run" -s l -l label -d 'Add a label (KEY=VALUE)' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from run" -l annotation -d 'Add an OCI annotation (KEY=VALUE)' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from run" -l cidfile -d 'Write the container id to this file' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from run" -l pull -d 'When to pull the image from a registry' -r -f -a "missing\t'Only when the store lacks it'
always\t'Every time'
never\t'Never: the image must be in the store'
newer\t'When the registry has a different image under the name (or the store lacks it)'"
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from run" -l platform -d 'Platform of the image to take from a manifest list (OS/ARCH[/VARIANT])' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from run" -l arch -d 'Architecture to take instead of the host\'s' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from run" -l os -d 'Operating system to take instead of the host\'s' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from run" -l variant -d 'CPU variant to take (v7, v8, ...)' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from run" -l authfile -d 'Credentials file (default: podman\'s auth.json; docker\'s config.json is read too)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from run" -l creds -d 'Credentials (USERNAME[:PASSWORD]) for the registry' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from run" -l tls-verify -d 'Require HTTPS and verify certificates (`--tls-verify=false` allows plain HTTP)' -r -f -a "true\t''
false\t''"
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from run" -l cap-add -d 'Add a capability (CAP_NET_RAW, net_raw, or ALL)' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from run" -l cap-drop -d 'Drop a capability (or ALL)' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from run" -l security-opt -d 'seccomp=unconfined|FILE.json, no-new-privileges, mask=PATH[:PATH], unmask=ALL|PATH[:PATH]' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from run" -l read-only-tmpfs -d 'With --read-only, mount tmpfs on /tmp, /var/tmp and /run' -r -f -a "true\t''
false\t''"
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from run" -l device -d 'Give the container a host device (/dev/HOST[:/dev/CONTAINER][:rwm])' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from run" -l group-add -d 'Add a supplementary group (name or id) to the container\'s process' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from run" -l sysctl -d 'Set a namespaced kernel parameter (net.*, kernel.shm*, kernel.msg*, kernel.sem, fs.mqueue.*)' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from run" -s v -l volume -d 'Mount a volume or host path ([SOURCE:]DEST[:ro|rw|z|Z|nocopy|...]); a SOURCE starting with / or . is a host path, else a volume\'s name (made if missing); no SOURCE: a new anonymous volume' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from run" -l mount -d 'Mount (type=bind|volume|tmpfs,source=…,target=…[,readonly][,tmpfs-size=…][,tmpfs-mode=…])' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from run" -l tmpfs -d 'Mount a new tmpfs (DEST[:size=…,mode=…,noexec,…])' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from run" -l volumes-from -d 'Mount the volumes and bind mounts of another container (CONTAINER[:ro|rw])' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from run" -s m -l memory -d 'Memory limit (bytes, or with a k, m, g suffix)' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from run" -l memory-swap -d 'Memory plus swap (-1: unlimited swap; default: twice --memory)' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from run" -l memory-reservation -d 'Soft memory limit, reclaimed toward under memory pressure' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from run" -l cpus -d 'Number of CPUs\' worth of time (0.5: half of one)' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from run" -s c -l cpu-shares -d 'Relative CPU weight (default 1024)' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from run" -l cpuset-cpus -d 'CPUs the container may run on (0-3, 0,2)' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from run" -l pids-limit -d 'Most processes at once (-1: unlimited)' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from run" -l oom-score-adj -d 'Adjust the OOM killer\'s preference for the container (-1000 to 1000)' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from run" -l ulimit -d 'Resource limit of the process (NAME=SOFT[:HARD]: nofile, nproc, core, …; -1 unlimited)' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from run" -s a -l attach -d 'Attach to these streams (stdin, stdout, stderr)' -r -f -a "stdin\t''
stdout\t''
stderr\t''"
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from run" -l detach-keys -d 'Keys that detach from the container' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from run" -l userns -d 'User namespace: host (the caller\'s), auto[:size=N] (root: ids of user "containers" from /etc/subuid, a range of its own per container) or keep-id[:uid=N,gid=N] (rootless: your own uid and gid are the same inside, or N, and the process runs as you)' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from run" -l log-driver -d 'Where the container\'s output is logged' -r -f -a "k8s-file\t''
json-file\t''
none\t''
passthrough\t''"
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from run" -l root -d 'Path of the persistent store (images, layers, containers)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from run" -l runroot -d 'Path of the run-time state (pids, sockets)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from run" -l log-level -d 'How much to log on standard error' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from run" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "overlay\t'Kernel overlayfs (also in a user namespace), fuse-overlayfs as fallback'
vfs\t'Plain copies of the layers: slow, works everywhere'"
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from run" -l storage-opt -d 'Storage option: overlay.mount_program=PATH mounts overlays with a FUSE program (fuse-overlayfs) instead of the kernel' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from run" -l help -d 'Print help'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from run" -s d -l detach -d 'Run in the background and print the container id'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from run" -s i -l interactive -d 'Keep standard input open'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from run" -s t -l tty -d 'Give the container a terminal'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from run" -l rm -d 'Remove the container when it exits'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from run" -s P -l publish-all -d 'Publish every port the image exposes, on free host ports'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from run" -l no-hosts -d 'Leave the image\'s /etc/hosts as it is'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from run" -l init -d 'Run a small init as PID 1 that reaps zombies and passes signals on'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from run" -l read-only -d 'Mount the root filesystem read-only'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from run" -s q -l quiet -d 'Print no pull progress'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from run" -l privileged -d 'Every capability, no seccomp filter, nothing masked, the host\'s devices'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from create" -l name -d 'Name of the container' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from create" -s e -l env -d 'Set an environment variable (NAME=VALUE, or NAME to take the host\'s)' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from create" -l env-file -d 'Read environment variables from a file' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from create" -s w -l workdir -d 'Working directory inside the container' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from create" -s u -l user -d 'User (name, uid, name:group, uid:gid)' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from create" -l entrypoint -d 'Override the image\'s entrypoint ("" clears it; a JSON array is allowed)' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from create" -s h -l hostname -d 'Host name inside the container' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from create" -l network -d 'Network: none, host, private[:allow_host_loopback=true] (rctl\'s own user-mode stack), slirp4netns[:OPTIONS], pasta[:OPTIONS], container:NAME, bridge (the default network, root only) or a network\'s name. Default: bridge for root, private rootless' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from create" -s p -l publish -d 'Publish a container\'s port on the host ([IP:][HOST_PORT:]PORT[/tcp|udp], ranges too)' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from create" -l network-alias -d 'Another name the container has on its network' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from create" -l ip -d 'The container\'s IPv4 address on its network (bridge networks)' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from create" -l mac-address -d 'The container\'s MAC address on its network (bridge networks)' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from create" -l add-host -d 'Add a line to /etc/hosts (NAME:IP)' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from create" -l dns -d 'Name server for /etc/resolv.conf (replaces the host\'s)' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from create" -l dns-search -d 'Search domain for /etc/resolv.conf (replaces the host\'s; `.` for none)' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from create" -l dns-option -d 'Option for /etc/resolv.conf (replaces the host\'s)' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from create" -l stop-signal -d 'Signal that stops the container' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from create" -l stop-timeout -d 'Seconds to wait for the stop signal before SIGKILL' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from create" -s l -l label -d 'Add a label (KEY=VALUE)' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from create" -l annotation -d 'Add an OCI annotation (KEY=VALUE)' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from create" -l cidfile -d 'Write the container id to this file' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from create" -l pull -d 'When to pull the image from a registry' -r -f -a "missing\t'Only when the store lacks it'
always\t'Every time'
never\t'Never: the image must be in the store'
newer\t'When the registry has a different image under the name (or the store lacks it)'"
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from create" -l platform -d 'Platform of the image to take from a manifest list (OS/ARCH[/VARIANT])' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from create" -l arch -d 'Architecture to take instead of the host\'s' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from create" -l os -d 'Operating system to take instead of the host\'s' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from create" -l variant -d 'CPU variant to take (v7, v8, ...)' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from create" -l authfile -d 'Credentials file (default: podman\'s auth.json; docker\'s config.json is read too)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from create" -l creds -d 'Credentials (USERNAME[:PASSWORD]) for the registry' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from create" -l tls-verify -d 'Require HTTPS and verify certificates (`--tls-verify=false` allows plain HTTP)' -r -f -a "true\t''
false\t''"
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from create" -l cap-add -d 'Add a capability (CAP_NET_RAW, net_raw, or ALL)' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from create" -l cap-drop -d 'Drop a capability (or ALL)' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from create" -l security-opt -d 'seccomp=unconfined|FILE.json, no-new-privileges, mask=PATH[:PATH], unmask=ALL|PATH[:PATH]' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from create" -l read-only-tmpfs -d 'With --read-only, mount tmpfs on /tmp, /var/tmp and /run' -r -f -a "true\t''
false\t''"
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from create" -l device -d 'Give the container a host device (/dev/HOST[:/dev/CONTAINER][:rwm])' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from create" -l group-add -d 'Add a supplementary group (name or id) to the container\'s process' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from create" -l sysctl -d 'Set a namespaced kernel parameter (net.*, kernel.shm*, kernel.msg*, kernel.sem, fs.mqueue.*)' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from create" -s v -l volume -d 'Mount a volume or host path ([SOURCE:]DEST[:ro|rw|z|Z|nocopy|...]); a SOURCE starting with / or . is a host path, else a volume\'s name (made if missing); no SOURCE: a new anonymous volume' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from create" -l mount -d 'Mount (type=bind|volume|tmpfs,source=…,target=…[,readonly][,tmpfs-size=…][,tmpfs-mode=…])' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from create" -l tmpfs -d 'Mount a new tmpfs (DEST[:size=…,mode=…,noexec,…])' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from create" -l volumes-from -d 'Mount the volumes and bind mounts of another container (CONTAINER[:ro|rw])' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from create" -s m -l memory -d 'Memory limit (bytes, or with a k, m, g suffix)' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from create" -l memory-swap -d 'Memory plus swap (-1: unlimited swap; default: twice --memory)' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from create" -l memory-reservation -d 'Soft memory limit, reclaimed toward under memory pressure' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from create" -l cpus -d 'Number of CPUs\' worth of time (0.5: half of one)' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from create" -s c -l cpu-shares -d 'Relative CPU weight (default 1024)' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from create" -l cpuset-cpus -d 'CPUs the container may run on (0-3, 0,2)' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from create" -l pids-limit -d 'Most processes at once (-1: unlimited)' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from create" -l oom-score-adj -d 'Adjust the OOM killer\'s preference for the container (-1000 to 1000)' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from create" -l ulimit -d 'Resource limit of the process (NAME=SOFT[:HARD]: nofile, nproc, core, …; -1 unlimited)' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from create" -s a -l attach -d 'Attach to these streams (stdin, stdout, stderr)' -r -f -a "stdin\t''
stdout\t''
stderr\t''"
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from create" -l detach-keys -d 'Keys that detach from the container' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from create" -l userns -d 'User namespace: host (the caller\'s), auto[:size=N] (root: ids of user "containers" from /etc/subuid, a range of its own per container) or keep-id[:uid=N,gid=N] (rootless: your own uid and gid are the same inside, or N, and the process runs as you)' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from create" -l log-driver -d 'Where the container\'s output is logged' -r -f -a "k8s-file\t''
json-file\t''
none\t''
passthrough\t''"
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from create" -l root -d 'Path of the persistent store (images, layers, containers)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from create" -l runroot -d 'Path of the run-time state (pids, sockets)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from create" -l log-level -d 'How much to log on standard error' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from create" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "overlay\t'Kernel overlayfs (also in a user namespace), fuse-overlayfs as fallback'
vfs\t'Plain copies of the layers: slow, works everywhere'"
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from create" -l storage-opt -d 'Storage option: overlay.mount_program=PATH mounts overlays with a FUSE program (fuse-overlayfs) instead of the kernel' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from create" -l help -d 'Print help'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from create" -s i -l interactive -d 'Keep standard input open'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from create" -s t -l tty -d 'Give the container a terminal'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from create" -l rm -d 'Remove the container when it exits'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from create" -s P -l publish-all -d 'Publish every port the image exposes, on free host ports'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from create" -l no-hosts -d 'Leave the image\'s /etc/hosts as it is'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from create" -l init -d 'Run a small init as PID 1 that reaps zombies and passes signals on'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from create" -l read-only -d 'Mount the root filesystem read-only'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from create" -s q -l quiet -d 'Print no pull progress'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from create" -l privileged -d 'Every capability, no seccomp filter, nothing masked, the host\'s devices'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from start" -l detach-keys -d 'Keys that detach from the container' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from start" -l root -d 'Path of the persistent store (images, layers, containers)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from start" -l runroot -d 'Path of the run-time state (pids, sockets)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from start" -l log-level -d 'How much to log on standard error' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from start" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "overlay\t'Kernel overlayfs (also in a user namespace), fuse-overlayfs as fallback'
vfs\t'Plain copies of the layers: slow, works everywhere'"
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from start" -l storage-opt -d 'Storage option: overlay.mount_program=PATH mounts overlays with a FUSE program (fuse-overlayfs) instead of the kernel' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from start" -s a -l attach -d 'Attach to the container\'s output (and wait for it)'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from start" -s i -l interactive -d 'Attach standard input too'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from start" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from stop" -s t -l time -d 'Seconds to wait for the stop signal before SIGKILL' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from stop" -l root -d 'Path of the persistent store (images, layers, containers)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from stop" -l runroot -d 'Path of the run-time state (pids, sockets)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from stop" -l log-level -d 'How much to log on standard error' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from stop" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "overlay\t'Kernel overlayfs (also in a user namespace), fuse-overlayfs as fallback'
vfs\t'Plain copies of the layers: slow, works everywhere'"
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from stop" -l storage-opt -d 'Storage option: overlay.mount_program=PATH mounts overlays with a FUSE program (fuse-overlayfs) instead of the kernel' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from stop" -s a -l all -d 'Stop all running containers'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from stop" -s i -l ignore -d 'Do not fail for containers that do not exist'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from stop" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from restart" -s t -l time -d 'Seconds to wait for the stop signal before SIGKILL' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from restart" -l root -d 'Path of the persistent store (images, layers, containers)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from restart" -l runroot -d 'Path of the run-time state (pids, sockets)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from restart" -l log-level -d 'How much to log on standard error' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from restart" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "overlay\t'Kernel overlayfs (also in a user namespace), fuse-overlayfs as fallback'
vfs\t'Plain copies of the layers: slow, works everywhere'"
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from restart" -l storage-opt -d 'Storage option: overlay.mount_program=PATH mounts overlays with a FUSE program (fuse-overlayfs) instead of the kernel' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from restart" -s a -l all -d 'Restart all containers'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from restart" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from kill" -s s -l signal -d 'Signal to send (name or number)' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from kill" -l root -d 'Path of the persistent store (images, layers, containers)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from kill" -l runroot -d 'Path of the run-time state (pids, sockets)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from kill" -l log-level -d 'How much to log on standard error' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from kill" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "overlay\t'Kernel overlayfs (also in a user namespace), fuse-overlayfs as fallback'
vfs\t'Plain copies of the layers: slow, works everywhere'"
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from kill" -l storage-opt -d 'Storage option: overlay.mount_program=PATH mounts overlays with a FUSE program (fuse-overlayfs) instead of the kernel' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from kill" -s a -l all -d 'Signal all running containers'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from kill" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from rm" -s t -l time -d 'With --force, stop a running container with this timeout (seconds) instead of killing it at once' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from rm" -l root -d 'Path of the persistent store (images, layers, containers)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from rm" -l runroot -d 'Path of the run-time state (pids, sockets)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from rm" -l log-level -d 'How much to log on standard error' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from rm" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "overlay\t'Kernel overlayfs (also in a user namespace), fuse-overlayfs as fallback'
vfs\t'Plain copies of the layers: slow, works everywhere'"
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from rm" -l storage-opt -d 'Storage option: overlay.mount_program=PATH mounts overlays with a FUSE program (fuse-overlayfs) instead of the kernel' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from rm" -s f -l force -d 'Remove running containers too (they are killed)'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from rm" -s a -l all -d 'Remove all containers'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from rm" -s v -l volumes -d 'Remove the container\'s anonymous volumes too'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from rm" -s i -l ignore -d 'Do not fail for containers that do not exist'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from remove" -s t -l time -d 'With --force, stop a running container with this timeout (seconds) instead of killing it at once' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from remove" -l root -d 'Path of the persistent store (images, layers, containers)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from remove" -l runroot -d 'Path of the run-time state (pids, sockets)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from remove" -l log-level -d 'How much to log on standard error' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from remove" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "overlay\t'Kernel overlayfs (also in a user namespace), fuse-overlayfs as fallback'
vfs\t'Plain copies of the layers: slow, works everywhere'"
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from remove" -l storage-opt -d 'Storage option: overlay.mount_program=PATH mounts overlays with a FUSE program (fuse-overlayfs) instead of the kernel' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from remove" -s f -l force -d 'Remove running containers too (they are killed)'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from remove" -s a -l all -d 'Remove all containers'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from remove" -s v -l volumes -d 'Remove the container\'s anonymous volumes too'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from remove" -s i -l ignore -d 'Do not fail for containers that do not exist'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from ls" -s n -l last -d 'Show the N most recently created containers (all states)' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from ls" -s f -l filter -d 'Filter: id=, name=, status=, label=, ancestor=, exited=' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from ls" -l format -d 'Print with a Go template, or `json`' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from ls" -l root -d 'Path of the persistent store (images, layers, containers)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from ls" -l runroot -d 'Path of the run-time state (pids, sockets)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from ls" -l log-level -d 'How much to log on standard error' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from ls" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "overlay\t'Kernel overlayfs (also in a user namespace), fuse-overlayfs as fallback'
vfs\t'Plain copies of the layers: slow, works everywhere'"
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from ls" -l storage-opt -d 'Storage option: overlay.mount_program=PATH mounts overlays with a FUSE program (fuse-overlayfs) instead of the kernel' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from ls" -s a -l all -d 'Show all containers, not only running ones'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Show only container ids'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from ls" -s l -l latest -d 'Show the most recently created container (all states)'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from ls" -s s -l size -d 'Show the size of each container\'s writable layer'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from ls" -l no-trunc -d 'Do not shorten ids and commands'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from ls" -l noheading -d 'Do not print the header line'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from list" -s n -l last -d 'Show the N most recently created containers (all states)' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from list" -s f -l filter -d 'Filter: id=, name=, status=, label=, ancestor=, exited=' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from list" -l format -d 'Print with a Go template, or `json`' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from list" -l root -d 'Path of the persistent store (images, layers, containers)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from list" -l runroot -d 'Path of the run-time state (pids, sockets)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from list" -l log-level -d 'How much to log on standard error' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from list" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "overlay\t'Kernel overlayfs (also in a user namespace), fuse-overlayfs as fallback'
vfs\t'Plain copies of the layers: slow, works everywhere'"
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from list" -l storage-opt -d 'Storage option: overlay.mount_program=PATH mounts overlays with a FUSE program (fuse-overlayfs) instead of the kernel' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from list" -s a -l all -d 'Show all containers, not only running ones'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Show only container ids'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from list" -s l -l latest -d 'Show the most recently created container (all states)'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from list" -s s -l size -d 'Show the size of each container\'s writable layer'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from list" -l no-trunc -d 'Do not shorten ids and commands'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from list" -l noheading -d 'Do not print the header line'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from logs" -l since -d 'Only output written since (RFC 3339 time, Unix seconds, or a duration such as 10m)' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from logs" -l until -d 'Only output written before (same forms as --since)' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from logs" -l tail -d 'Only the last N lines' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from logs" -l root -d 'Path of the persistent store (images, layers, containers)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from logs" -l runroot -d 'Path of the run-time state (pids, sockets)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from logs" -l log-level -d 'How much to log on standard error' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from logs" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "overlay\t'Kernel overlayfs (also in a user namespace), fuse-overlayfs as fallback'
vfs\t'Plain copies of the layers: slow, works everywhere'"
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from logs" -l storage-opt -d 'Storage option: overlay.mount_program=PATH mounts overlays with a FUSE program (fuse-overlayfs) instead of the kernel' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from logs" -s f -l follow -d 'Keep printing new output until the container stops'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from logs" -s t -l timestamps -d 'Prefix each line with its time'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from logs" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from wait" -l condition -d 'Conditions to wait for (accepted: stopped, exited)' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from wait" -l root -d 'Path of the persistent store (images, layers, containers)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from wait" -l runroot -d 'Path of the run-time state (pids, sockets)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from wait" -l log-level -d 'How much to log on standard error' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from wait" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "overlay\t'Kernel overlayfs (also in a user namespace), fuse-overlayfs as fallback'
vfs\t'Plain copies of the layers: slow, works everywhere'"
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from wait" -l storage-opt -d 'Storage option: overlay.mount_program=PATH mounts overlays with a FUSE program (fuse-overlayfs) instead of the kernel' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from wait" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from attach" -l detach-keys -d 'Keys that detach from the container' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from attach" -l sig-proxy -d 'Pass signals to the container (accepted; always on without a terminal)' -r -f -a "true\t''
false\t''"
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from attach" -l root -d 'Path of the persistent store (images, layers, containers)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from attach" -l runroot -d 'Path of the run-time state (pids, sockets)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from attach" -l log-level -d 'How much to log on standard error' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from attach" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "overlay\t'Kernel overlayfs (also in a user namespace), fuse-overlayfs as fallback'
vfs\t'Plain copies of the layers: slow, works everywhere'"
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from attach" -l storage-opt -d 'Storage option: overlay.mount_program=PATH mounts overlays with a FUSE program (fuse-overlayfs) instead of the kernel' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from attach" -l no-stdin -d 'Do not attach standard input'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from attach" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from exec" -s e -l env -d 'Set an environment variable (NAME=VALUE, or NAME to take the host\'s)' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from exec" -s w -l workdir -d 'Working directory inside the container' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from exec" -s u -l user -d 'User (name, uid, name:group, uid:gid)' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from exec" -l root -d 'Path of the persistent store (images, layers, containers)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from exec" -l runroot -d 'Path of the run-time state (pids, sockets)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from exec" -l log-level -d 'How much to log on standard error' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from exec" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "overlay\t'Kernel overlayfs (also in a user namespace), fuse-overlayfs as fallback'
vfs\t'Plain copies of the layers: slow, works everywhere'"
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from exec" -l storage-opt -d 'Storage option: overlay.mount_program=PATH mounts overlays with a FUSE program (fuse-overlayfs) instead of the kernel' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from exec" -s i -l interactive -d 'Keep standard input open'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from exec" -s t -l tty -d 'Give the command a terminal'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from exec" -s d -l detach -d 'Run in the background'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from exec" -l privileged -d 'Give the command every capability'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from exec" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from inspect" -s f -l format -d 'Print with a Go template instead of JSON' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from inspect" -l root -d 'Path of the persistent store (images, layers, containers)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from inspect" -l runroot -d 'Path of the run-time state (pids, sockets)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from inspect" -l log-level -d 'How much to log on standard error' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from inspect" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "overlay\t'Kernel overlayfs (also in a user namespace), fuse-overlayfs as fallback'
vfs\t'Plain copies of the layers: slow, works everywhere'"
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from inspect" -l storage-opt -d 'Storage option: overlay.mount_program=PATH mounts overlays with a FUSE program (fuse-overlayfs) instead of the kernel' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from rename" -l root -d 'Path of the persistent store (images, layers, containers)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from rename" -l runroot -d 'Path of the run-time state (pids, sockets)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from rename" -l log-level -d 'How much to log on standard error' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from rename" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "overlay\t'Kernel overlayfs (also in a user namespace), fuse-overlayfs as fallback'
vfs\t'Plain copies of the layers: slow, works everywhere'"
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from rename" -l storage-opt -d 'Storage option: overlay.mount_program=PATH mounts overlays with a FUSE program (fuse-overlayfs) instead of the kernel' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from rename" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from prune" -l root -d 'Path of the persistent store (images, layers, containers)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from prune" -l runroot -d 'Path of the run-time state (pids, sockets)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from prune" -l log-level -d 'How much to log on standard error' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from prune" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "overlay\t'Kernel overlayfs (also in a user namespace), fuse-overlayfs as fallback'
vfs\t'Plain copies of the layers: slow, works everywhere'"
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from prune" -l storage-opt -d 'Storage option: overlay.mount_program=PATH mounts overlays with a FUSE program (fuse-overlayfs) instead of the kernel' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from prune" -s f -l force -d 'Do not ask for confirmation'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from exists" -l root -d 'Path of the persistent store (images, layers, containers)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from exists" -l runroot -d 'Path of the run-time state (pids, sockets)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from exists" -l log-level -d 'How much to log on standard error' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from exists" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "overlay\t'Kernel overlayfs (also in a user namespace), fuse-overlayfs as fallback'
vfs\t'Plain copies of the layers: slow, works everywhere'"
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from exists" -l storage-opt -d 'Storage option: overlay.mount_program=PATH mounts overlays with a FUSE program (fuse-overlayfs) instead of the kernel' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from exists" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from cp" -l root -d 'Path of the persistent store (images, layers, containers)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from cp" -l runroot -d 'Path of the run-time state (pids, sockets)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from cp" -l log-level -d 'How much to log on standard error' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from cp" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "overlay\t'Kernel overlayfs (also in a user namespace), fuse-overlayfs as fallback'
vfs\t'Plain copies of the layers: slow, works everywhere'"
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from cp" -l storage-opt -d 'Storage option: overlay.mount_program=PATH mounts overlays with a FUSE program (fuse-overlayfs) instead of the kernel' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from cp" -s a -l archive -d 'Accepted for docker compatibility (copies keep the file modes)'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from cp" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from top" -l root -d 'Path of the persistent store (images, layers, containers)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from top" -l runroot -d 'Path of the run-time state (pids, sockets)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from top" -l log-level -d 'How much to log on standard error' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from top" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "overlay\t'Kernel overlayfs (also in a user namespace), fuse-overlayfs as fallback'
vfs\t'Plain copies of the layers: slow, works everywhere'"
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from top" -l storage-opt -d 'Storage option: overlay.mount_program=PATH mounts overlays with a FUSE program (fuse-overlayfs) instead of the kernel' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from top" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from stats" -s i -l interval -d 'Seconds between reports' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from stats" -l format -d 'Print with a Go template, or `json`' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from stats" -l root -d 'Path of the persistent store (images, layers, containers)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from stats" -l runroot -d 'Path of the run-time state (pids, sockets)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from stats" -l log-level -d 'How much to log on standard error' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from stats" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "overlay\t'Kernel overlayfs (also in a user namespace), fuse-overlayfs as fallback'
vfs\t'Plain copies of the layers: slow, works everywhere'"
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from stats" -l storage-opt -d 'Storage option: overlay.mount_program=PATH mounts overlays with a FUSE program (fuse-overlayfs) instead of the kernel' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from stats" -s a -l all -d 'Show all containers, stopped ones too (their figures as `--`)'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from stats" -l no-stream -d 'Print one report and exit'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from stats" -l no-trunc -d 'Do not shorten ids'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from stats" -l no-reset -d 'Do not clear the screen between reports'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from stats" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from port" -l root -d 'Path of the persistent store (images, layers, containers)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from port" -l runroot -d 'Path of the run-time state (pids, sockets)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from port" -l log-level -d 'How much to log on standard error' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from port" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "overlay\t'Kernel overlayfs (also in a user namespace), fuse-overlayfs as fallback'
vfs\t'Plain copies of the layers: slow, works everywhere'"
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from port" -l storage-opt -d 'Storage option: overlay.mount_program=PATH mounts overlays with a FUSE program (fuse-overlayfs) instead of the kernel' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from port" -s a -l all -d 'List the ports of all running containers'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from port" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from diff" -l format -d 'Print as json' -r -f -a "json\t''"
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from diff" -l root -d 'Path of the persistent store (images, layers, containers)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from diff" -l runroot -d 'Path of the run-time state (pids, sockets)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from diff" -l log-level -d 'How much to log on standard error' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from diff" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "overlay\t'Kernel overlayfs (also in a user namespace), fuse-overlayfs as fallback'
vfs\t'Plain copies of the layers: slow, works everywhere'"
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from diff" -l storage-opt -d 'Storage option: overlay.mount_program=PATH mounts overlays with a FUSE program (fuse-overlayfs) instead of the kernel' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from diff" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from commit" -s c -l change -d 'Apply a Dockerfile instruction (CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, ONBUILD, STOPSIGNAL, USER, VOLUME, WORKDIR)' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from commit" -s m -l message -d 'Comment for the image\'s history' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from commit" -s a -l author -d 'Author of the image' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from commit" -l iidfile -d 'Write the image id to this file' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from commit" -l root -d 'Path of the persistent store (images, layers, containers)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from commit" -l runroot -d 'Path of the run-time state (pids, sockets)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from commit" -l log-level -d 'How much to log on standard error' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from commit" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "overlay\t'Kernel overlayfs (also in a user namespace), fuse-overlayfs as fallback'
vfs\t'Plain copies of the layers: slow, works everywhere'"
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from commit" -l storage-opt -d 'Storage option: overlay.mount_program=PATH mounts overlays with a FUSE program (fuse-overlayfs) instead of the kernel' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from commit" -s p -l pause -d 'Pause the container while its files are read'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from commit" -l squash -d 'One layer holding the whole filesystem'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from commit" -s q -l quiet -d 'Print only the image id (the only thing printed anyway)'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from commit" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from export" -s o -l output -d 'Write to this file instead of standard output' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from export" -l root -d 'Path of the persistent store (images, layers, containers)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from export" -l runroot -d 'Path of the run-time state (pids, sockets)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from export" -l log-level -d 'How much to log on standard error' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from export" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "overlay\t'Kernel overlayfs (also in a user namespace), fuse-overlayfs as fallback'
vfs\t'Plain copies of the layers: slow, works everywhere'"
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from export" -l storage-opt -d 'Storage option: overlay.mount_program=PATH mounts overlays with a FUSE program (fuse-overlayfs) instead of the kernel' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from export" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from update" -s m -l memory -d 'Memory limit (bytes, or with a k, m, g suffix)' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from update" -l memory-swap -d 'Memory plus swap (-1: unlimited swap; default: twice --memory)' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from update" -l memory-reservation -d 'Soft memory limit, reclaimed toward under memory pressure' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from update" -l cpus -d 'Number of CPUs\' worth of time (0.5: half of one)' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from update" -s c -l cpu-shares -d 'Relative CPU weight (default 1024)' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from update" -l cpuset-cpus -d 'CPUs the container may run on (0-3, 0,2)' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from update" -l pids-limit -d 'Most processes at once (-1: unlimited)' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from update" -l root -d 'Path of the persistent store (images, layers, containers)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from update" -l runroot -d 'Path of the run-time state (pids, sockets)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from update" -l log-level -d 'How much to log on standard error' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from update" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "overlay\t'Kernel overlayfs (also in a user namespace), fuse-overlayfs as fallback'
vfs\t'Plain copies of the layers: slow, works everywhere'"
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from update" -l storage-opt -d 'Storage option: overlay.mount_program=PATH mounts overlays with a FUSE program (fuse-overlayfs) instead of the kernel' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from update" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from pause" -l root -d 'Path of the persistent store (images, layers, containers)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from pause" -l runroot -d 'Path of the run-time state (pids, sockets)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from pause" -l log-level -d 'How much to log on standard error' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from pause" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "overlay\t'Kernel overlayfs (also in a user namespace), fuse-overlayfs as fallback'
vfs\t'Plain copies of the layers: slow, works everywhere'"
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from pause" -l storage-opt -d 'Storage option: overlay.mount_program=PATH mounts overlays with a FUSE program (fuse-overlayfs) instead of the kernel' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from pause" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from unpause" -l root -d 'Path of the persistent store (images, layers, containers)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from unpause" -l runroot -d 'Path of the run-time state (pids, sockets)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from unpause" -l log-level -d 'How much to log on standard error' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from unpause" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "overlay\t'Kernel overlayfs (also in a user namespace), fuse-overlayfs as fallback'
vfs\t'Plain copies of the layers: slow, works everywhere'"
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from unpause" -l storage-opt -d 'Storage option: overlay.mount_program=PATH mounts overlays with a FUSE program (fuse-overlayfs) instead of the kernel' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from unpause" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from mount" -l root -d 'Path of the persistent store (images, layers, containers)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from mount" -l runroot -d 'Path of the run-time state (pids, sockets)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from mount" -l log-level -d 'How much to log on standard error' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from mount" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "overlay\t'Kernel overlayfs (also in a user namespace), fuse-overlayfs as fallback'
vfs\t'Plain copies of the layers: slow, works everywhere'"
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from mount" -l storage-opt -d 'Storage option: overlay.mount_program=PATH mounts overlays with a FUSE program (fuse-overlayfs) instead of the kernel' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from mount" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from unmount" -l root -d 'Path of the persistent store (images, layers, containers)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from unmount" -l runroot -d 'Path of the run-time state (pids, sockets)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from unmount" -l log-level -d 'How much to log on standard error' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from unmount" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "overlay\t'Kernel overlayfs (also in a user namespace), fuse-overlayfs as fallback'
vfs\t'Plain copies of the layers: slow, works everywhere'"
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from unmount" -l storage-opt -d 'Storage option: overlay.mount_program=PATH mounts overlays with a FUSE program (fuse-overlayfs) instead of the kernel' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from unmount" -s a -l all -d 'Unmount every container'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from unmount" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from umount" -l root -d 'Path of the persistent store (images, layers, containers)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from umount" -l runroot -d 'Path of the run-time state (pids, sockets)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from umount" -l log-level -d 'How much to log on standard error' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from umount" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "overlay\t'Kernel overlayfs (also in a user namespace), fuse-overlayfs as fallback'
vfs\t'Plain copies of the layers: slow, works everywhere'"
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from umount" -l storage-opt -d 'Storage option: overlay.mount_program=PATH mounts overlays with a FUSE program (fuse-overlayfs) instead of the kernel' -r
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from umount" -s a -l all -d 'Unmount every container'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from umount" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "run" -d 'Run a command in a new container'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "create" -d 'Create a container without starting it'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "start" -d 'Start containers'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "stop" -d 'Stop containers'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "restart" -d 'Restart containers'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "kill" -d 'Send a signal to containers'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "rm" -d 'Remove containers'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "ls" -d 'List containers'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "logs" -d 'Show a container\'s output'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "wait" -d 'Wait for containers to exit and print their exit codes'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "attach" -d 'Attach to a running container'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "exec" -d 'Run a command in a running container'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "inspect" -d 'Show details of containers'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "rename" -d 'Rename a container'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "prune" -d 'Remove all stopped containers'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "exists" -d 'Exit 0 if a container exists, 1 if not'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "cp" -d 'Copy files between a container and the host'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "top" -d 'Show the processes of a container'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "stats" -d 'Show containers\' CPU, memory, network, block I/O and process use'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "port" -d 'List a container\'s published ports'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "diff" -d 'Show what a container changed in its filesystem'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "commit" -d 'Make an image of a container\'s changes'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "export" -d 'Write a container\'s filesystem as a tar archive'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "update" -d 'Change a container\'s resource limits'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "pause" -d 'Freeze every process of containers'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "unpause" -d 'Thaw paused containers'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "mount" -d 'Mount a container\'s root filesystem on the host (root only)'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "unmount" -d 'Unmount a container\'s root filesystem from the host'
complete -c rctl -n "__fish_rctl_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rctl -n "__fish_rctl_using_subcommand network; and not __fish_seen_subcommand_from create connect disconnect ls list inspect rm remove prune exists help" -l root -d 'Path of the persistent store (images, layers, containers)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand network; and not __fish_seen_subcommand_from create connect disconnect ls list inspect rm remove prune exists help" -l runroot -d 'Path of the run-time state (pids, sockets)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand network; and not __fish_seen_subcommand_from create connect disconnect ls list inspect rm remove prune exists help" -l log-level -d 'How much to log on standard error' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rctl -n "__fish_rctl_using_subcommand network; and not __fish_seen_subcommand_from create connect disconnect ls list inspect rm remove prune exists help" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "overlay\t'Kernel overlayfs (also in a user namespace), fuse-overlayfs as fallback'
vfs\t'Plain copies of the layers: slow, works everywhere'"
complete -c rctl -n "__fish_rctl_using_subcommand network; and not __fish_seen_subcommand_from create connect disconnect ls list inspect rm remove prune exists help" -l storage-opt -d 'Storage option: overlay.mount_program=PATH mounts overlays with a FUSE program (fuse-overlayfs) instead of the kernel' -r
complete -c rctl -n "__fish_rctl_using_subcommand network; and not __fish_seen_subcommand_from create connect disconnect ls list inspect rm remove prune exists help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rctl -n "__fish_rctl_using_subcommand network; and not __fish_seen_subcommand_from create connect disconnect ls list inspect rm remove prune exists help" -f -a "create" -d 'Create a network'
complete -c rctl -n "__fish_rctl_using_subcommand network; and not __fish_seen_subcommand_from create connect disconnect ls list inspect rm remove prune exists help" -f -a "connect" -d 'Connect a container to a network'
complete -c rctl -n "__fish_rctl_using_subcommand network; and not __fish_seen_subcommand_from create connect disconnect ls list inspect rm remove prune exists help" -f -a "disconnect" -d 'Disconnect a container from a network'
complete -c rctl -n "__fish_rctl_using_subcommand network; and not __fish_seen_subcommand_from create connect disconnect ls list inspect rm remove prune exists help" -f -a "ls" -d 'List networks'
complete -c rctl -n "__fish_rctl_using_subcommand network; and not __fish_seen_subcommand_from create connect disconnect ls list inspect rm remove prune exists help" -f -a "list" -d 'List networks'
complete -c rctl -n "__fish_rctl_using_subcommand network; and not __fish_seen_subcommand_from create connect disconnect ls list inspect rm remove prune exists help" -f -a "inspect" -d 'Show details of networks'
complete -c rctl -n "__fish_rctl_using_subcommand network; and not __fish_seen_subcommand_from create connect disconnect ls list inspect rm remove prune exists help" -f -a "rm" -d 'Remove networks'
complete -c rctl -n "__fish_rctl_using_subcommand network; and not __fish_seen_subcommand_from create connect disconnect ls list inspect rm remove prune exists help" -f -a "remove" -d 'Remove networks'
complete -c rctl -n "__fish_rctl_using_subcommand network; and not __fish_seen_subcommand_from create connect disconnect ls list inspect rm remove prune exists help" -f -a "prune" -d 'Remove networks no container uses'
complete -c rctl -n "__fish_rctl_using_subcommand network; and not __fish_seen_subcommand_from create connect disconnect ls list inspect rm remove prune exists help" -f -a "exists" -d 'Exit 0 if a network exists, 1 if not'
complete -c rctl -n "__fish_rctl_using_subcommand network; and not __fish_seen_subcommand_from create connect disconnect ls list inspect rm remove prune exists help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rctl -n "__fish_rctl_using_subcommand network; and __fish_seen_subcommand_from create" -l subnet -d 'Subnet in CIDR form (default: a free /24 in 10.89.0.0/16)' -r
complete -c rctl -n "__fish_rctl_using_subcommand network; and __fish_seen_subcommand_from create" -l gateway -d 'Gateway address (default: the subnet\'s first address)' -r
complete -c rctl -n "__fish_rctl_using_subcommand network; and __fish_seen_subcommand_from create" -l interface-name -d 'Name of the bridge (default: podmanN)' -r
complete -c rctl -n "__fish_rctl_using_subcommand network; and __fish_seen_subcommand_from create" -s d -l driver -d 'Driver (only bridge)' -r
complete -c rctl -n "__fish_rctl_using_subcommand network; and __fish_seen_subcommand_from create" -l root -d 'Path of the persistent store (images, layers, containers)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand network; and __fish_seen_subcommand_from create" -l runroot -d 'Path of the run-time state (pids, sockets)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand network; and __fish_seen_subcommand_from create" -l log-level -d 'How much to log on standard error' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rctl -n "__fish_rctl_using_subcommand network; and __fish_seen_subcommand_from create" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "overlay\t'Kernel overlayfs (also in a user namespace), fuse-overlayfs as fallback'
vfs\t'Plain copies of the layers: slow, works everywhere'"
complete -c rctl -n "__fish_rctl_using_subcommand network; and __fish_seen_subcommand_from create" -l storage-opt -d 'Storage option: overlay.mount_program=PATH mounts overlays with a FUSE program (fuse-overlayfs) instead of the kernel' -r
complete -c rctl -n "__fish_rctl_using_subcommand network; and __fish_seen_subcommand_from create" -l internal -d 'No route out: containers reach only each other'
complete -c rctl -n "__fish_rctl_using_subcommand network; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rctl -n "__fish_rctl_using_subcommand network; and __fish_seen_subcommand_from connect" -l alias -d 'Another name the container has on this network' -r
complete -c rctl -n "__fish_rctl_using_subcommand network; and __fish_seen_subcommand_from connect" -l ip -d 'The container\'s IPv4 address on this network' -r
complete -c rctl -n "__fish_rctl_using_subcommand network; and __fish_seen_subcommand_from connect" -l mac-address -d 'The container\'s MAC address on this network' -r
complete -c rctl -n "__fish_rctl_using_subcommand network; and __fish_seen_subcommand_from connect" -l root -d 'Path of the persistent store (images, layers, containers)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand network; and __fish_seen_subcommand_from connect" -l runroot -d 'Path of the run-time state (pids, sockets)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand network; and __fish_seen_subcommand_from connect" -l log-level -d 'How much to log on standard error' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rctl -n "__fish_rctl_using_subcommand network; and __fish_seen_subcommand_from connect" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "overlay\t'Kernel overlayfs (also in a user namespace), fuse-overlayfs as fallback'
vfs\t'Plain copies of the layers: slow, works everywhere'"
complete -c rctl -n "__fish_rctl_using_subcommand network; and __fish_seen_subcommand_from connect" -l storage-opt -d 'Storage option: overlay.mount_program=PATH mounts overlays with a FUSE program (fuse-overlayfs) instead of the kernel' -r
complete -c rctl -n "__fish_rctl_using_subcommand network; and __fish_seen_subcommand_from connect" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rctl -n "__fish_rctl_using_subcommand network; and __fish_seen_subcommand_from disconnect" -l root -d 'Path of the persistent store (images, layers, containers)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand network; and __fish_seen_subcommand_from disconnect" -l runroot -d 'Path of the run-time state (pids, sockets)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand network; and __fish_seen_subcommand_from disconnect" -l log-level -d 'How much to log on standard error' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rctl -n "__fish_rctl_using_subcommand network; and __fish_seen_subcommand_from disconnect" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "overlay\t'Kernel overlayfs (also in a user namespace), fuse-overlayfs as fallback'
vfs\t'Plain copies of the layers: slow, works everywhere'"
complete -c rctl -n "__fish_rctl_using_subcommand network; and __fish_seen_subcommand_from disconnect" -l storage-opt -d 'Storage option: overlay.mount_program=PATH mounts overlays with a FUSE program (fuse-overlayfs) instead of the kernel' -r
complete -c rctl -n "__fish_rctl_using_subcommand network; and __fish_seen_subcommand_from disconnect" -s f -l force -d 'Accepted for podman\'s sake: disconnecting never needs forcing'
complete -c rctl -n "__fish_rctl_using_subcommand network; and __fish_seen_subcommand_from disconnect" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rctl -n "__fish_rctl_using_subcommand network; and __fish_seen_subcommand_from ls" -l format -d 'Go template for each network, `table ...`, or json' -r
complete -c rctl -n "__fish_rctl_using_subcommand network; and __fish_seen_subcommand_from ls" -l root -d 'Path of the persistent store (images, layers, containers)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand network; and __fish_seen_subcommand_from ls" -l runroot -d 'Path of the run-time state (pids, sockets)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand network; and __fish_seen_subcommand_from ls" -l log-level -d 'How much to log on standard error' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rctl -n "__fish_rctl_using_subcommand network; and __fish_seen_subcommand_from ls" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "overlay\t'Kernel overlayfs (also in a user namespace), fuse-overlayfs as fallback'
vfs\t'Plain copies of the layers: slow, works everywhere'"
complete -c rctl -n "__fish_rctl_using_subcommand network; and __fish_seen_subcommand_from ls" -l storage-opt -d 'Storage option: overlay.mount_program=PATH mounts overlays with a FUSE program (fuse-overlayfs) instead of the kernel' -r
complete -c rctl -n "__fish_rctl_using_subcommand network; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Print only the names'
complete -c rctl -n "__fish_rctl_using_subcommand network; and __fish_seen_subcommand_from ls" -l no-trunc -d 'Show full ids'
complete -c rctl -n "__fish_rctl_using_subcommand network; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rctl -n "__fish_rctl_using_subcommand network; and __fish_seen_subcommand_from list" -l format -d 'Go template for each network, `table ...`, or json' -r
complete -c rctl -n "__fish_rctl_using_subcommand network; and __fish_seen_subcommand_from list" -l root -d 'Path of the persistent store (images, layers, containers)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand network; and __fish_seen_subcommand_from list" -l runroot -d 'Path of the run-time state (pids, sockets)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand network; and __fish_seen_subcommand_from list" -l log-level -d 'How much to log on standard error' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rctl -n "__fish_rctl_using_subcommand network; and __fish_seen_subcommand_from list" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "overlay\t'Kernel overlayfs (also in a user namespace), fuse-overlayfs as fallback'
vfs\t'Plain copies of the layers: slow, works everywhere'"
complete -c rctl -n "__fish_rctl_using_subcommand network; and __fish_seen_subcommand_from list" -l storage-opt -d 'Storage option: overlay.mount_program=PATH mounts overlays with a FUSE program (fuse-overlayfs) instead of the kernel' -r
complete -c rctl -n "__fish_rctl_using_subcommand network; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only the names'
complete -c rctl -n "__fish_rctl_using_subcommand network; and __fish_seen_subcommand_from list" -l no-trunc -d 'Show full ids'
complete -c rctl -n "__fish_rctl_using_subcommand network; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rctl -n "__fish_rctl_using_subcommand network; and __fish_seen_subcommand_from inspect" -s f -l format -d 'Go template for each network' -r
complete -c rctl -n "__fish_rctl_using_subcommand network; and __fish_seen_subcommand_from inspect" -l root -d 'Path of the persistent store (images, layers, containers)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand network; and __fish_seen_subcommand_from inspect" -l runroot -d 'Path of the run-time state (pids, sockets)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand network; and __fish_seen_subcommand_from inspect" -l log-level -d 'How much to log on standard error' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rctl -n "__fish_rctl_using_subcommand network; and __fish_seen_subcommand_from inspect" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "overlay\t'Kernel overlayfs (also in a user namespace), fuse-overlayfs as fallback'
vfs\t'Plain copies of the layers: slow, works everywhere'"
complete -c rctl -n "__fish_rctl_using_subcommand network; and __fish_seen_subcommand_from inspect" -l storage-opt -d 'Storage option: overlay.mount_program=PATH mounts overlays with a FUSE program (fuse-overlayfs) instead of the kernel' -r
complete -c rctl -n "__fish_rctl_using_subcommand network; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rctl -n "__fish_rctl_using_subcommand network; and __fish_seen_subcommand_from rm" -l root -d 'Path of the persistent store (images, layers, containers)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand network; and __fish_seen_subcommand_from rm" -l runroot -d 'Path of the run-time state (pids, sockets)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand network; and __fish_seen_subcommand_from rm" -l log-level -d 'How much to log on standard error' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rctl -n "__fish_rctl_using_subcommand network; and __fish_seen_subcommand_from rm" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "overlay\t'Kernel overlayfs (also in a user namespace), fuse-overlayfs as fallback'
vfs\t'Plain copies of the layers: slow, works everywhere'"
complete -c rctl -n "__fish_rctl_using_subcommand network; and __fish_seen_subcommand_from rm" -l storage-opt -d 'Storage option: overlay.mount_program=PATH mounts overlays with a FUSE program (fuse-overlayfs) instead of the kernel' -r
complete -c rctl -n "__fish_rctl_using_subcommand network; and __fish_seen_subcommand_from rm" -s f -l force -d 'Remove the containers on the network too (running ones are killed)'
complete -c rctl -n "__fish_rctl_using_subcommand network; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rctl -n "__fish_rctl_using_subcommand network; and __fish_seen_subcommand_from remove" -l root -d 'Path of the persistent store (images, layers, containers)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand network; and __fish_seen_subcommand_from remove" -l runroot -d 'Path of the run-time state (pids, sockets)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand network; and __fish_seen_subcommand_from remove" -l log-level -d 'How much to log on standard error' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rctl -n "__fish_rctl_using_subcommand network; and __fish_seen_subcommand_from remove" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "overlay\t'Kernel overlayfs (also in a user namespace), fuse-overlayfs as fallback'
vfs\t'Plain copies of the layers: slow, works everywhere'"
complete -c rctl -n "__fish_rctl_using_subcommand network; and __fish_seen_subcommand_from remove" -l storage-opt -d 'Storage option: overlay.mount_program=PATH mounts overlays with a FUSE program (fuse-overlayfs) instead of the kernel' -r
complete -c rctl -n "__fish_rctl_using_subcommand network; and __fish_seen_subcommand_from remove" -s f -l force -d 'Remove the containers on the network too (running ones are killed)'
complete -c rctl -n "__fish_rctl_using_subcommand network; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rctl -n "__fish_rctl_using_subcommand network; and __fish_seen_subcommand_from prune" -l root -d 'Path of the persistent store (images, layers, containers)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand network; and __fish_seen_subcommand_from prune" -l runroot -d 'Path of the run-time state (pids, sockets)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand network; and __fish_seen_subcommand_from prune" -l log-level -d 'How much to log on standard error' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rctl -n "__fish_rctl_using_subcommand network; and __fish_seen_subcommand_from prune" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "overlay\t'Kernel overlayfs (also in a user namespace), fuse-overlayfs as fallback'
vfs\t'Plain copies of the layers: slow, works everywhere'"
complete -c rctl -n "__fish_rctl_using_subcommand network; and __fish_seen_subcommand_from prune" -l storage-opt -d 'Storage option: overlay.mount_program=PATH mounts overlays with a FUSE program (fuse-overlayfs) instead of the kernel' -r
complete -c rctl -n "__fish_rctl_using_subcommand network; and __fish_seen_subcommand_from prune" -s f -l force -d 'Do not ask for confirmation'
complete -c rctl -n "__fish_rctl_using_subcommand network; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rctl -n "__fish_rctl_using_subcommand network; and __fish_seen_subcommand_from exists" -l root -d 'Path of the persistent store (images, layers, containers)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand network; and __fish_seen_subcommand_from exists" -l runroot -d 'Path of the run-time state (pids, sockets)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand network; and __fish_seen_subcommand_from exists" -l log-level -d 'How much to log on standard error' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rctl -n "__fish_rctl_using_subcommand network; and __fish_seen_subcommand_from exists" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "overlay\t'Kernel overlayfs (also in a user namespace), fuse-overlayfs as fallback'
vfs\t'Plain copies of the layers: slow, works everywhere'"
complete -c rctl -n "__fish_rctl_using_subcommand network; and __fish_seen_subcommand_from exists" -l storage-opt -d 'Storage option: overlay.mount_program=PATH mounts overlays with a FUSE program (fuse-overlayfs) instead of the kernel' -r
complete -c rctl -n "__fish_rctl_using_subcommand network; and __fish_seen_subcommand_from exists" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rctl -n "__fish_rctl_using_subcommand network; and __fish_seen_subcommand_from help" -f -a "create" -d 'Create a network'
complete -c rctl -n "__fish_rctl_using_subcommand network; and __fish_seen_subcommand_from help" -f -a "connect" -d 'Connect a container to a network'
complete -c rctl -n "__fish_rctl_using_subcommand network; and __fish_seen_subcommand_from help" -f -a "disconnect" -d 'Disconnect a container from a network'
complete -c rctl -n "__fish_rctl_using_subcommand network; and __fish_seen_subcommand_from help" -f -a "ls" -d 'List networks'
complete -c rctl -n "__fish_rctl_using_subcommand network; and __fish_seen_subcommand_from help" -f -a "inspect" -d 'Show details of networks'
complete -c rctl -n "__fish_rctl_using_subcommand network; and __fish_seen_subcommand_from help" -f -a "rm" -d 'Remove networks'
complete -c rctl -n "__fish_rctl_using_subcommand network; and __fish_seen_subcommand_from help" -f -a "prune" -d 'Remove networks no container uses'
complete -c rctl -n "__fish_rctl_using_subcommand network; and __fish_seen_subcommand_from help" -f -a "exists" -d 'Exit 0 if a network exists, 1 if not'
complete -c rctl -n "__fish_rctl_using_subcommand network; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rctl -n "__fish_rctl_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists help" -l root -d 'Path of the persistent store (images, layers, containers)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists help" -l runroot -d 'Path of the run-time state (pids, sockets)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists help" -l log-level -d 'How much to log on standard error' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rctl -n "__fish_rctl_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists help" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "overlay\t'Kernel overlayfs (also in a user namespace), fuse-overlayfs as fallback'
vfs\t'Plain copies of the layers: slow, works everywhere'"
complete -c rctl -n "__fish_rctl_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists help" -l storage-opt -d 'Storage option: overlay.mount_program=PATH mounts overlays with a FUSE program (fuse-overlayfs) instead of the kernel' -r
complete -c rctl -n "__fish_rctl_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rctl -n "__fish_rctl_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists help" -f -a "create" -d 'Create a volume'
complete -c rctl -n "__fish_rctl_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists help" -f -a "ls" -d 'List volumes'
complete -c rctl -n "__fish_rctl_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists help" -f -a "list" -d 'List volumes'
complete -c rctl -n "__fish_rctl_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists help" -f -a "inspect" -d 'Show details of volumes'
complete -c rctl -n "__fish_rctl_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists help" -f -a "rm" -d 'Remove volumes'
complete -c rctl -n "__fish_rctl_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists help" -f -a "remove" -d 'Remove volumes'
complete -c rctl -n "__fish_rctl_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists help" -f -a "prune" -d 'Remove volumes no container uses'
complete -c rctl -n "__fish_rctl_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists help" -f -a "exists" -d 'Exit 0 if a volume exists, 1 if not'
complete -c rctl -n "__fish_rctl_using_subcommand volume; and not __fish_seen_subcommand_from create ls list inspect rm remove prune exists help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rctl -n "__fish_rctl_using_subcommand volume; and __fish_seen_subcommand_from create" -s d -l driver -d 'Volume driver (only local)' -r
complete -c rctl -n "__fish_rctl_using_subcommand volume; and __fish_seen_subcommand_from create" -s l -l label -d 'Add a label (KEY=VALUE)' -r
complete -c rctl -n "__fish_rctl_using_subcommand volume; and __fish_seen_subcommand_from create" -s o -l opt -d 'Driver option: type=tmpfs (o=size=…,mode=…), type=none with o=bind and device=/host/path, o=uid=N,gid=N (owner of the data), nocopy' -r
complete -c rctl -n "__fish_rctl_using_subcommand volume; and __fish_seen_subcommand_from create" -l root -d 'Path of the persistent store (images, layers, containers)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand volume; and __fish_seen_subcommand_from create" -l runroot -d 'Path of the run-time state (pids, sockets)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand volume; and __fish_seen_subcommand_from create" -l log-level -d 'How much to log on standard error' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rctl -n "__fish_rctl_using_subcommand volume; and __fish_seen_subcommand_from create" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "overlay\t'Kernel overlayfs (also in a user namespace), fuse-overlayfs as fallback'
vfs\t'Plain copies of the layers: slow, works everywhere'"
complete -c rctl -n "__fish_rctl_using_subcommand volume; and __fish_seen_subcommand_from create" -l storage-opt -d 'Storage option: overlay.mount_program=PATH mounts overlays with a FUSE program (fuse-overlayfs) instead of the kernel' -r
complete -c rctl -n "__fish_rctl_using_subcommand volume; and __fish_seen_subcommand_from create" -l ignore -d 'Do not fail when the volume exists'
complete -c rctl -n "__fish_rctl_using_subcommand volume; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rctl -n "__fish_rctl_using_subcommand volume; and __fish_seen_subcommand_from ls" -l format -d 'Go template for each volume, `table ...`, or json' -r
complete -c rctl -n "__fish_rctl_using_subcommand volume; and __fish_seen_subcommand_from ls" -s f -l filter -d 'Filter (name=, label=KEY[=VALUE], dangling=true|false, driver=, anonymous=)' -r
complete -c rctl -n "__fish_rctl_using_subcommand volume; and __fish_seen_subcommand_from ls" -l root -d 'Path of the persistent store (images, layers, containers)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand volume; and __fish_seen_subcommand_from ls" -l runroot -d 'Path of the run-time state (pids, sockets)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand volume; and __fish_seen_subcommand_from ls" -l log-level -d 'How much to log on standard error' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rctl -n "__fish_rctl_using_subcommand volume; and __fish_seen_subcommand_from ls" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "overlay\t'Kernel overlayfs (also in a user namespace), fuse-overlayfs as fallback'
vfs\t'Plain copies of the layers: slow, works everywhere'"
complete -c rctl -n "__fish_rctl_using_subcommand volume; and __fish_seen_subcommand_from ls" -l storage-opt -d 'Storage option: overlay.mount_program=PATH mounts overlays with a FUSE program (fuse-overlayfs) instead of the kernel' -r
complete -c rctl -n "__fish_rctl_using_subcommand volume; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Print only the names'
complete -c rctl -n "__fish_rctl_using_subcommand volume; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rctl -n "__fish_rctl_using_subcommand volume; and __fish_seen_subcommand_from list" -l format -d 'Go template for each volume, `table ...`, or json' -r
complete -c rctl -n "__fish_rctl_using_subcommand volume; and __fish_seen_subcommand_from list" -s f -l filter -d 'Filter (name=, label=KEY[=VALUE], dangling=true|false, driver=, anonymous=)' -r
complete -c rctl -n "__fish_rctl_using_subcommand volume; and __fish_seen_subcommand_from list" -l root -d 'Path of the persistent store (images, layers, containers)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand volume; and __fish_seen_subcommand_from list" -l runroot -d 'Path of the run-time state (pids, sockets)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand volume; and __fish_seen_subcommand_from list" -l log-level -d 'How much to log on standard error' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rctl -n "__fish_rctl_using_subcommand volume; and __fish_seen_subcommand_from list" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "overlay\t'Kernel overlayfs (also in a user namespace), fuse-overlayfs as fallback'
vfs\t'Plain copies of the layers: slow, works everywhere'"
complete -c rctl -n "__fish_rctl_using_subcommand volume; and __fish_seen_subcommand_from list" -l storage-opt -d 'Storage option: overlay.mount_program=PATH mounts overlays with a FUSE program (fuse-overlayfs) instead of the kernel' -r
complete -c rctl -n "__fish_rctl_using_subcommand volume; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only the names'
complete -c rctl -n "__fish_rctl_using_subcommand volume; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rctl -n "__fish_rctl_using_subcommand volume; and __fish_seen_subcommand_from inspect" -s f -l format -d 'Go template for each volume' -r
complete -c rctl -n "__fish_rctl_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l root -d 'Path of the persistent store (images, layers, containers)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l runroot -d 'Path of the run-time state (pids, sockets)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l log-level -d 'How much to log on standard error' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rctl -n "__fish_rctl_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "overlay\t'Kernel overlayfs (also in a user namespace), fuse-overlayfs as fallback'
vfs\t'Plain copies of the layers: slow, works everywhere'"
complete -c rctl -n "__fish_rctl_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l storage-opt -d 'Storage option: overlay.mount_program=PATH mounts overlays with a FUSE program (fuse-overlayfs) instead of the kernel' -r
complete -c rctl -n "__fish_rctl_using_subcommand volume; and __fish_seen_subcommand_from inspect" -s a -l all -d 'Show every volume'
complete -c rctl -n "__fish_rctl_using_subcommand volume; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rctl -n "__fish_rctl_using_subcommand volume; and __fish_seen_subcommand_from rm" -l root -d 'Path of the persistent store (images, layers, containers)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand volume; and __fish_seen_subcommand_from rm" -l runroot -d 'Path of the run-time state (pids, sockets)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand volume; and __fish_seen_subcommand_from rm" -l log-level -d 'How much to log on standard error' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rctl -n "__fish_rctl_using_subcommand volume; and __fish_seen_subcommand_from rm" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "overlay\t'Kernel overlayfs (also in a user namespace), fuse-overlayfs as fallback'
vfs\t'Plain copies of the layers: slow, works everywhere'"
complete -c rctl -n "__fish_rctl_using_subcommand volume; and __fish_seen_subcommand_from rm" -l storage-opt -d 'Storage option: overlay.mount_program=PATH mounts overlays with a FUSE program (fuse-overlayfs) instead of the kernel' -r
complete -c rctl -n "__fish_rctl_using_subcommand volume; and __fish_seen_subcommand_from rm" -s f -l force -d 'Remove the containers that use the volume too (running ones are killed)'
complete -c rctl -n "__fish_rctl_using_subcommand volume; and __fish_seen_subcommand_from rm" -s a -l all -d 'Remove every volume'
complete -c rctl -n "__fish_rctl_using_subcommand volume; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rctl -n "__fish_rctl_using_subcommand volume; and __fish_seen_subcommand_from remove" -l root -d 'Path of the persistent store (images, layers, containers)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand volume; and __fish_seen_subcommand_from remove" -l runroot -d 'Path of the run-time state (pids, sockets)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand volume; and __fish_seen_subcommand_from remove" -l log-level -d 'How much to log on standard error' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rctl -n "__fish_rctl_using_subcommand volume; and __fish_seen_subcommand_from remove" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "overlay\t'Kernel overlayfs (also in a user namespace), fuse-overlayfs as fallback'
vfs\t'Plain copies of the layers: slow, works everywhere'"
complete -c rctl -n "__fish_rctl_using_subcommand volume; and __fish_seen_subcommand_from remove" -l storage-opt -d 'Storage option: overlay.mount_program=PATH mounts overlays with a FUSE program (fuse-overlayfs) instead of the kernel' -r
complete -c rctl -n "__fish_rctl_using_subcommand volume; and __fish_seen_subcommand_from remove" -s f -l force -d 'Remove the containers that use the volume too (running ones are killed)'
complete -c rctl -n "__fish_rctl_using_subcommand volume; and __fish_seen_subcommand_from remove" -s a -l all -d 'Remove every volume'
complete -c rctl -n "__fish_rctl_using_subcommand volume; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rctl -n "__fish_rctl_using_subcommand volume; and __fish_seen_subcommand_from prune" -l filter -d 'Only volumes that match (label=, name=, ...)' -r
complete -c rctl -n "__fish_rctl_using_subcommand volume; and __fish_seen_subcommand_from prune" -l root -d 'Path of the persistent store (images, layers, containers)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand volume; and __fish_seen_subcommand_from prune" -l runroot -d 'Path of the run-time state (pids, sockets)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand volume; and __fish_seen_subcommand_from prune" -l log-level -d 'How much to log on standard error' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rctl -n "__fish_rctl_using_subcommand volume; and __fish_seen_subcommand_from prune" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "overlay\t'Kernel overlayfs (also in a user namespace), fuse-overlayfs as fallback'
vfs\t'Plain copies of the layers: slow, works everywhere'"
complete -c rctl -n "__fish_rctl_using_subcommand volume; and __fish_seen_subcommand_from prune" -l storage-opt -d 'Storage option: overlay.mount_program=PATH mounts overlays with a FUSE program (fuse-overlayfs) instead of the kernel' -r
complete -c rctl -n "__fish_rctl_using_subcommand volume; and __fish_seen_subcommand_from prune" -s f -l force -d 'Do not ask for confirmation'
complete -c rctl -n "__fish_rctl_using_subcommand volume; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rctl -n "__fish_rctl_using_subcommand volume; and __fish_seen_subcommand_from exists" -l root -d 'Path of the persistent store (images, layers, containers)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand volume; and __fish_seen_subcommand_from exists" -l runroot -d 'Path of the run-time state (pids, sockets)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand volume; and __fish_seen_subcommand_from exists" -l log-level -d 'How much to log on standard error' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rctl -n "__fish_rctl_using_subcommand volume; and __fish_seen_subcommand_from exists" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "overlay\t'Kernel overlayfs (also in a user namespace), fuse-overlayfs as fallback'
vfs\t'Plain copies of the layers: slow, works everywhere'"
complete -c rctl -n "__fish_rctl_using_subcommand volume; and __fish_seen_subcommand_from exists" -l storage-opt -d 'Storage option: overlay.mount_program=PATH mounts overlays with a FUSE program (fuse-overlayfs) instead of the kernel' -r
complete -c rctl -n "__fish_rctl_using_subcommand volume; and __fish_seen_subcommand_from exists" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rctl -n "__fish_rctl_using_subcommand volume; and __fish_seen_subcommand_from help" -f -a "create" -d 'Create a volume'
complete -c rctl -n "__fish_rctl_using_subcommand volume; and __fish_seen_subcommand_from help" -f -a "ls" -d 'List volumes'
complete -c rctl -n "__fish_rctl_using_subcommand volume; and __fish_seen_subcommand_from help" -f -a "inspect" -d 'Show details of volumes'
complete -c rctl -n "__fish_rctl_using_subcommand volume; and __fish_seen_subcommand_from help" -f -a "rm" -d 'Remove volumes'
complete -c rctl -n "__fish_rctl_using_subcommand volume; and __fish_seen_subcommand_from help" -f -a "prune" -d 'Remove volumes no container uses'
complete -c rctl -n "__fish_rctl_using_subcommand volume; and __fish_seen_subcommand_from help" -f -a "exists" -d 'Exit 0 if a volume exists, 1 if not'
complete -c rctl -n "__fish_rctl_using_subcommand volume; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rctl -n "__fish_rctl_using_subcommand run" -l name -d 'Name of the container' -r
complete -c rctl -n "__fish_rctl_using_subcommand run" -s e -l env -d 'Set an environment variable (NAME=VALUE, or NAME to take the host\'s)' -r
complete -c rctl -n "__fish_rctl_using_subcommand run" -l env-file -d 'Read environment variables from a file' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand run" -s w -l workdir -d 'Working directory inside the container' -r
complete -c rctl -n "__fish_rctl_using_subcommand run" -s u -l user -d 'User (name, uid, name:group, uid:gid)' -r
complete -c rctl -n "__fish_rctl_using_subcommand run" -l entrypoint -d 'Override the image\'s entrypoint ("" clears it; a JSON array is allowed)' -r
complete -c rctl -n "__fish_rctl_using_subcommand run" -s h -l hostname -d 'Host name inside the container' -r
complete -c rctl -n "__fish_rctl_using_subcommand run" -l network -d 'Network: none, host, private[:allow_host_loopback=true] (rctl\'s own user-mode stack), slirp4netns[:OPTIONS], pasta[:OPTIONS], container:NAME, bridge (the default network, root only) or a network\'s name. Default: bridge for root, private rootless' -r
complete -c rctl -n "__fish_rctl_using_subcommand run" -s p -l publish -d 'Publish a container\'s port on the host ([IP:][HOST_PORT:]PORT[/tcp|udp], ranges too)' -r
complete -c rctl -n "__fish_rctl_using_subcommand run" -l network-alias -d 'Another name the container has on its network' -r
complete -c rctl -n "__fish_rctl_using_subcommand run" -l ip -d 'The container\'s IPv4 address on its network (bridge networks)' -r
complete -c rctl -n "__fish_rctl_using_subcommand run" -l mac-address -d 'The container\'s MAC address on its network (bridge networks)' -r
complete -c rctl -n "__fish_rctl_using_subcommand run" -l add-host -d 'Add a line to /etc/hosts (NAME:IP)' -r
complete -c rctl -n "__fish_rctl_using_subcommand run" -l dns -d 'Name server for /etc/resolv.conf (replaces the host\'s)' -r
complete -c rctl -n "__fish_rctl_using_subcommand run" -l dns-search -d 'Search domain for /etc/resolv.conf (replaces the host\'s; `.` for none)' -r
complete -c rctl -n "__fish_rctl_using_subcommand run" -l dns-option -d 'Option for /etc/resolv.conf (replaces the host\'s)' -r
complete -c rctl -n "__fish_rctl_using_subcommand run" -l stop-signal -d 'Signal that stops the container' -r
complete -c rctl -n "__fish_rctl_using_subcommand run" -l stop-timeout -d 'Seconds to wait for the stop signal before SIGKILL' -r
complete -c rctl -n "__fish_rctl_using_subcommand run" -s l -l label -d 'Add a label (KEY=VALUE)' -r
complete -c rctl -n "__fish_rctl_using_subcommand run" -l annotation -d 'Add an OCI annotation (KEY=VALUE)' -r
complete -c rctl -n "__fish_rctl_using_subcommand run" -l cidfile -d 'Write the container id to this file' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand run" -l pull -d 'When to pull the image from a registry' -r -f -a "missing\t'Only when the store lacks it'
always\t'Every time'
never\t'Never: the image must be in the store'
newer\t'When the registry has a different image under the name (or the store lacks it)'"
complete -c rctl -n "__fish_rctl_using_subcommand run" -l platform -d 'Platform of the image to take from a manifest list (OS/ARCH[/VARIANT])' -r
complete -c rctl -n "__fish_rctl_using_subcommand run" -l arch -d 'Architecture to take instead of the host\'s' -r
complete -c rctl -n "__fish_rctl_using_subcommand run" -l os -d 'Operating system to take instead of the host\'s' -r
complete -c rctl -n "__fish_rctl_using_subcommand run" -l variant -d 'CPU variant to take (v7, v8, ...)' -r
complete -c rctl -n "__fish_rctl_using_subcommand run" -l authfile -d 'Credentials file (default: podman\'s auth.json; docker\'s config.json is read too)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand run" -l creds -d 'Credentials (USERNAME[:PASSWORD]) for the registry' -r
complete -c rctl -n "__fish_rctl_using_subcommand run" -l tls-verify -d 'Require HTTPS and verify certificates (`--tls-verify=false` allows plain HTTP)' -r -f -a "true\t''
false\t''"
complete -c rctl -n "__fish_rctl_using_subcommand run" -l cap-add -d 'Add a capability (CAP_NET_RAW, net_raw, or ALL)' -r
complete -c rctl -n "__fish_rctl_using_subcommand run" -l cap-drop -d 'Drop a capability (or ALL)' -r
complete -c rctl -n "__fish_rctl_using_subcommand run" -l security-opt -d 'seccomp=unconfined|FILE.json, no-new-privileges, mask=PATH[:PATH], unmask=ALL|PATH[:PATH]' -r
complete -c rctl -n "__fish_rctl_using_subcommand run" -l read-only-tmpfs -d 'With --read-only, mount tmpfs on /tmp, /var/tmp and /run' -r -f -a "true\t''
false\t''"
complete -c rctl -n "__fish_rctl_using_subcommand run" -l device -d 'Give the container a host device (/dev/HOST[:/dev/CONTAINER][:rwm])' -r
complete -c rctl -n "__fish_rctl_using_subcommand run" -l group-add -d 'Add a supplementary group (name or id) to the container\'s process' -r
complete -c rctl -n "__fish_rctl_using_subcommand run" -l sysctl -d 'Set a namespaced kernel parameter (net.*, kernel.shm*, kernel.msg*, kernel.sem, fs.mqueue.*)' -r
complete -c rctl -n "__fish_rctl_using_subcommand run" -s v -l volume -d 'Mount a volume or host path ([SOURCE:]DEST[:ro|rw|z|Z|nocopy|...]); a SOURCE starting with / or . is a host path, else a volume\'s name (made if missing); no SOURCE: a new anonymous volume' -r
complete -c rctl -n "__fish_rctl_using_subcommand run" -l mount -d 'Mount (type=bind|volume|tmpfs,source=…,target=…[,readonly][,tmpfs-size=…][,tmpfs-mode=…])' -r
complete -c rctl -n "__fish_rctl_using_subcommand run" -l tmpfs -d 'Mount a new tmpfs (DEST[:size=…,mode=…,noexec,…])' -r
complete -c rctl -n "__fish_rctl_using_subcommand run" -l volumes-from -d 'Mount the volumes and bind mounts of another container (CONTAINER[:ro|rw])' -r
complete -c rctl -n "__fish_rctl_using_subcommand run" -s m -l memory -d 'Memory limit (bytes, or with a k, m, g suffix)' -r
complete -c rctl -n "__fish_rctl_using_subcommand run" -l memory-swap -d 'Memory plus swap (-1: unlimited swap; default: twice --memory)' -r
complete -c rctl -n "__fish_rctl_using_subcommand run" -l memory-reservation -d 'Soft memory limit, reclaimed toward under memory pressure' -r
complete -c rctl -n "__fish_rctl_using_subcommand run" -l cpus -d 'Number of CPUs\' worth of time (0.5: half of one)' -r
complete -c rctl -n "__fish_rctl_using_subcommand run" -s c -l cpu-shares -d 'Relative CPU weight (default 1024)' -r
complete -c rctl -n "__fish_rctl_using_subcommand run" -l cpuset-cpus -d 'CPUs the container may run on (0-3, 0,2)' -r
complete -c rctl -n "__fish_rctl_using_subcommand run" -l pids-limit -d 'Most processes at once (-1: unlimited)' -r
complete -c rctl -n "__fish_rctl_using_subcommand run" -l oom-score-adj -d 'Adjust the OOM killer\'s preference for the container (-1000 to 1000)' -r
complete -c rctl -n "__fish_rctl_using_subcommand run" -l ulimit -d 'Resource limit of the process (NAME=SOFT[:HARD]: nofile, nproc, core, …; -1 unlimited)' -r
complete -c rctl -n "__fish_rctl_using_subcommand run" -s a -l attach -d 'Attach to these streams (stdin, stdout, stderr)' -r -f -a "stdin\t''
stdout\t''
stderr\t''"
complete -c rctl -n "__fish_rctl_using_subcommand run" -l detach-keys -d 'Keys that detach from the container' -r
complete -c rctl -n "__fish_rctl_using_subcommand run" -l userns -d 'User namespace: host (the caller\'s), auto[:size=N] (root: ids of user "containers" from /etc/subuid, a range of its own per container) or keep-id[:uid=N,gid=N] (rootless: your own uid and gid are the same inside, or N, and the process runs as you)' -r
complete -c rctl -n "__fish_rctl_using_subcommand run" -l log-driver -d 'Where the container\'s output is logged' -r -f -a "k8s-file\t''
json-file\t''
none\t''
passthrough\t''"
complete -c rctl -n "__fish_rctl_using_subcommand run" -l root -d 'Path of the persistent store (images, layers, containers)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand run" -l runroot -d 'Path of the run-time state (pids, sockets)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand run" -l log-level -d 'How much to log on standard error' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rctl -n "__fish_rctl_using_subcommand run" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "overlay\t'Kernel overlayfs (also in a user namespace), fuse-overlayfs as fallback'
vfs\t'Plain copies of the layers: slow, works everywhere'"
complete -c rctl -n "__fish_rctl_using_subcommand run" -l storage-opt -d 'Storage option: overlay.mount_program=PATH mounts overlays with a FUSE program (fuse-overlayfs) instead of the kernel' -r
complete -c rctl -n "__fish_rctl_using_subcommand run" -l help -d 'Print help'
complete -c rctl -n "__fish_rctl_using_subcommand run" -s d -l detach -d 'Run in the background and print the container id'
complete -c rctl -n "__fish_rctl_using_subcommand run" -s i -l interactive -d 'Keep standard input open'
complete -c rctl -n "__fish_rctl_using_subcommand run" -s t -l tty -d 'Give the container a terminal'
complete -c rctl -n "__fish_rctl_using_subcommand run" -l rm -d 'Remove the container when it exits'
complete -c rctl -n "__fish_rctl_using_subcommand run" -s P -l publish-all -d 'Publish every port the image exposes, on free host ports'
complete -c rctl -n "__fish_rctl_using_subcommand run" -l no-hosts -d 'Leave the image\'s /etc/hosts as it is'
complete -c rctl -n "__fish_rctl_using_subcommand run" -l init -d 'Run a small init as PID 1 that reaps zombies and passes signals on'
complete -c rctl -n "__fish_rctl_using_subcommand run" -l read-only -d 'Mount the root filesystem read-only'
complete -c rctl -n "__fish_rctl_using_subcommand run" -s q -l quiet -d 'Print no pull progress'
complete -c rctl -n "__fish_rctl_using_subcommand run" -l privileged -d 'Every capability, no seccomp filter, nothing masked, the host\'s devices'
complete -c rctl -n "__fish_rctl_using_subcommand create" -l name -d 'Name of the container' -r
complete -c rctl -n "__fish_rctl_using_subcommand create" -s e -l env -d 'Set an environment variable (NAME=VALUE, or NAME to take the host\'s)' -r
complete -c rctl -n "__fish_rctl_using_subcommand create" -l env-file -d 'Read environment variables from a file' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand create" -s w -l workdir -d 'Working directory inside the container' -r
complete -c rctl -n "__fish_rctl_using_subcommand create" -s u -l user -d 'User (name, uid, name:group, uid:gid)' -r
complete -c rctl -n "__fish_rctl_using_subcommand create" -l entrypoint -d 'Override the image\'s entrypoint ("" clears it; a JSON array is allowed)' -r
complete -c rctl -n "__fish_rctl_using_subcommand create" -s h -l hostname -d 'Host name inside the container' -r
complete -c rctl -n "__fish_rctl_using_subcommand create" -l network -d 'Network: none, host, private[:allow_host_loopback=true] (rctl\'s own user-mode stack), slirp4netns[:OPTIONS], pasta[:OPTIONS], container:NAME, bridge (the default network, root only) or a network\'s name. Default: bridge for root, private rootless' -r
complete -c rctl -n "__fish_rctl_using_subcommand create" -s p -l publish -d 'Publish a container\'s port on the host ([IP:][HOST_PORT:]PORT[/tcp|udp], ranges too)' -r
complete -c rctl -n "__fish_rctl_using_subcommand create" -l network-alias -d 'Another name the container has on its network' -r
complete -c rctl -n "__fish_rctl_using_subcommand create" -l ip -d 'The container\'s IPv4 address on its network (bridge networks)' -r
complete -c rctl -n "__fish_rctl_using_subcommand create" -l mac-address -d 'The container\'s MAC address on its network (bridge networks)' -r
complete -c rctl -n "__fish_rctl_using_subcommand create" -l add-host -d 'Add a line to /etc/hosts (NAME:IP)' -r
complete -c rctl -n "__fish_rctl_using_subcommand create" -l dns -d 'Name server for /etc/resolv.conf (replaces the host\'s)' -r
complete -c rctl -n "__fish_rctl_using_subcommand create" -l dns-search -d 'Search domain for /etc/resolv.conf (replaces the host\'s; `.` for none)' -r
complete -c rctl -n "__fish_rctl_using_subcommand create" -l dns-option -d 'Option for /etc/resolv.conf (replaces the host\'s)' -r
complete -c rctl -n "__fish_rctl_using_subcommand create" -l stop-signal -d 'Signal that stops the container' -r
complete -c rctl -n "__fish_rctl_using_subcommand create" -l stop-timeout -d 'Seconds to wait for the stop signal before SIGKILL' -r
complete -c rctl -n "__fish_rctl_using_subcommand create" -s l -l label -d 'Add a label (KEY=VALUE)' -r
complete -c rctl -n "__fish_rctl_using_subcommand create" -l annotation -d 'Add an OCI annotation (KEY=VALUE)' -r
complete -c rctl -n "__fish_rctl_using_subcommand create" -l cidfile -d 'Write the container id to this file' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand create" -l pull -d 'When to pull the image from a registry' -r -f -a "missing\t'Only when the store lacks it'
always\t'Every time'
never\t'Never: the image must be in the store'
newer\t'When the registry has a different image under the name (or the store lacks it)'"
complete -c rctl -n "__fish_rctl_using_subcommand create" -l platform -d 'Platform of the image to take from a manifest list (OS/ARCH[/VARIANT])' -r
complete -c rctl -n "__fish_rctl_using_subcommand create" -l arch -d 'Architecture to take instead of the host\'s' -r
complete -c rctl -n "__fish_rctl_using_subcommand create" -l os -d 'Operating system to take instead of the host\'s' -r
complete -c rctl -n "__fish_rctl_using_subcommand create" -l variant -d 'CPU variant to take (v7, v8, ...)' -r
complete -c rctl -n "__fish_rctl_using_subcommand create" -l authfile -d 'Credentials file (default: podman\'s auth.json; docker\'s config.json is read too)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand create" -l creds -d 'Credentials (USERNAME[:PASSWORD]) for the registry' -r
complete -c rctl -n "__fish_rctl_using_subcommand create" -l tls-verify -d 'Require HTTPS and verify certificates (`--tls-verify=false` allows plain HTTP)' -r -f -a "true\t''
false\t''"
complete -c rctl -n "__fish_rctl_using_subcommand create" -l cap-add -d 'Add a capability (CAP_NET_RAW, net_raw, or ALL)' -r
complete -c rctl -n "__fish_rctl_using_subcommand create" -l cap-drop -d 'Drop a capability (or ALL)' -r
complete -c rctl -n "__fish_rctl_using_subcommand create" -l security-opt -d 'seccomp=unconfined|FILE.json, no-new-privileges, mask=PATH[:PATH], unmask=ALL|PATH[:PATH]' -r
complete -c rctl -n "__fish_rctl_using_subcommand create" -l read-only-tmpfs -d 'With --read-only, mount tmpfs on /tmp, /var/tmp and /run' -r -f -a "true\t''
false\t''"
complete -c rctl -n "__fish_rctl_using_subcommand create" -l device -d 'Give the container a host device (/dev/HOST[:/dev/CONTAINER][:rwm])' -r
complete -c rctl -n "__fish_rctl_using_subcommand create" -l group-add -d 'Add a supplementary group (name or id) to the container\'s process' -r
complete -c rctl -n "__fish_rctl_using_subcommand create" -l sysctl -d 'Set a namespaced kernel parameter (net.*, kernel.shm*, kernel.msg*, kernel.sem, fs.mqueue.*)' -r
complete -c rctl -n "__fish_rctl_using_subcommand create" -s v -l volume -d 'Mount a volume or host path ([SOURCE:]DEST[:ro|rw|z|Z|nocopy|...]); a SOURCE starting with / or . is a host path, else a volume\'s name (made if missing); no SOURCE: a new anonymous volume' -r
complete -c rctl -n "__fish_rctl_using_subcommand create" -l mount -d 'Mount (type=bind|volume|tmpfs,source=…,target=…[,readonly][,tmpfs-size=…][,tmpfs-mode=…])' -r
complete -c rctl -n "__fish_rctl_using_subcommand create" -l tmpfs -d 'Mount a new tmpfs (DEST[:size=…,mode=…,noexec,…])' -r
complete -c rctl -n "__fish_rctl_using_subcommand create" -l volumes-from -d 'Mount the volumes and bind mounts of another container (CONTAINER[:ro|rw])' -r
complete -c rctl -n "__fish_rctl_using_subcommand create" -s m -l memory -d 'Memory limit (bytes, or with a k, m, g suffix)' -r
complete -c rctl -n "__fish_rctl_using_subcommand create" -l memory-swap -d 'Memory plus swap (-1: unlimited swap; default: twice --memory)' -r
complete -c rctl -n "__fish_rctl_using_subcommand create" -l memory-reservation -d 'Soft memory limit, reclaimed toward under memory pressure' -r
complete -c rctl -n "__fish_rctl_using_subcommand create" -l cpus -d 'Number of CPUs\' worth of time (0.5: half of one)' -r
complete -c rctl -n "__fish_rctl_using_subcommand create" -s c -l cpu-shares -d 'Relative CPU weight (default 1024)' -r
complete -c rctl -n "__fish_rctl_using_subcommand create" -l cpuset-cpus -d 'CPUs the container may run on (0-3, 0,2)' -r
complete -c rctl -n "__fish_rctl_using_subcommand create" -l pids-limit -d 'Most processes at once (-1: unlimited)' -r
complete -c rctl -n "__fish_rctl_using_subcommand create" -l oom-score-adj -d 'Adjust the OOM killer\'s preference for the container (-1000 to 1000)' -r
complete -c rctl -n "__fish_rctl_using_subcommand create" -l ulimit -d 'Resource limit of the process (NAME=SOFT[:HARD]: nofile, nproc, core, …; -1 unlimited)' -r
complete -c rctl -n "__fish_rctl_using_subcommand create" -s a -l attach -d 'Attach to these streams (stdin, stdout, stderr)' -r -f -a "stdin\t''
stdout\t''
stderr\t''"
complete -c rctl -n "__fish_rctl_using_subcommand create" -l detach-keys -d 'Keys that detach from the container' -r
complete -c rctl -n "__fish_rctl_using_subcommand create" -l userns -d 'User namespace: host (the caller\'s), auto[:size=N] (root: ids of user "containers" from /etc/subuid, a range of its own per container) or keep-id[:uid=N,gid=N] (rootless: your own uid and gid are the same inside, or N, and the process runs as you)' -r
complete -c rctl -n "__fish_rctl_using_subcommand create" -l log-driver -d 'Where the container\'s output is logged' -r -f -a "k8s-file\t''
json-file\t''
none\t''
passthrough\t''"
complete -c rctl -n "__fish_rctl_using_subcommand create" -l root -d 'Path of the persistent store (images, layers, containers)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand create" -l runroot -d 'Path of the run-time state (pids, sockets)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand create" -l log-level -d 'How much to log on standard error' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rctl -n "__fish_rctl_using_subcommand create" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "overlay\t'Kernel overlayfs (also in a user namespace), fuse-overlayfs as fallback'
vfs\t'Plain copies of the layers: slow, works everywhere'"
complete -c rctl -n "__fish_rctl_using_subcommand create" -l storage-opt -d 'Storage option: overlay.mount_program=PATH mounts overlays with a FUSE program (fuse-overlayfs) instead of the kernel' -r
complete -c rctl -n "__fish_rctl_using_subcommand create" -l help -d 'Print help'
complete -c rctl -n "__fish_rctl_using_subcommand create" -s i -l interactive -d 'Keep standard input open'
complete -c rctl -n "__fish_rctl_using_subcommand create" -s t -l tty -d 'Give the container a terminal'
complete -c rctl -n "__fish_rctl_using_subcommand create" -l rm -d 'Remove the container when it exits'
complete -c rctl -n "__fish_rctl_using_subcommand create" -s P -l publish-all -d 'Publish every port the image exposes, on free host ports'
complete -c rctl -n "__fish_rctl_using_subcommand create" -l no-hosts -d 'Leave the image\'s /etc/hosts as it is'
complete -c rctl -n "__fish_rctl_using_subcommand create" -l init -d 'Run a small init as PID 1 that reaps zombies and passes signals on'
complete -c rctl -n "__fish_rctl_using_subcommand create" -l read-only -d 'Mount the root filesystem read-only'
complete -c rctl -n "__fish_rctl_using_subcommand create" -s q -l quiet -d 'Print no pull progress'
complete -c rctl -n "__fish_rctl_using_subcommand create" -l privileged -d 'Every capability, no seccomp filter, nothing masked, the host\'s devices'
complete -c rctl -n "__fish_rctl_using_subcommand start" -l detach-keys -d 'Keys that detach from the container' -r
complete -c rctl -n "__fish_rctl_using_subcommand start" -l root -d 'Path of the persistent store (images, layers, containers)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand start" -l runroot -d 'Path of the run-time state (pids, sockets)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand start" -l log-level -d 'How much to log on standard error' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rctl -n "__fish_rctl_using_subcommand start" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "overlay\t'Kernel overlayfs (also in a user namespace), fuse-overlayfs as fallback'
vfs\t'Plain copies of the layers: slow, works everywhere'"
complete -c rctl -n "__fish_rctl_using_subcommand start" -l storage-opt -d 'Storage option: overlay.mount_program=PATH mounts overlays with a FUSE program (fuse-overlayfs) instead of the kernel' -r
complete -c rctl -n "__fish_rctl_using_subcommand start" -s a -l attach -d 'Attach to the container\'s output (and wait for it)'
complete -c rctl -n "__fish_rctl_using_subcommand start" -s i -l interactive -d 'Attach standard input too'
complete -c rctl -n "__fish_rctl_using_subcommand start" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rctl -n "__fish_rctl_using_subcommand stop" -s t -l time -d 'Seconds to wait for the stop signal before SIGKILL' -r
complete -c rctl -n "__fish_rctl_using_subcommand stop" -l root -d 'Path of the persistent store (images, layers, containers)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand stop" -l runroot -d 'Path of the run-time state (pids, sockets)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand stop" -l log-level -d 'How much to log on standard error' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rctl -n "__fish_rctl_using_subcommand stop" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "overlay\t'Kernel overlayfs (also in a user namespace), fuse-overlayfs as fallback'
vfs\t'Plain copies of the layers: slow, works everywhere'"
complete -c rctl -n "__fish_rctl_using_subcommand stop" -l storage-opt -d 'Storage option: overlay.mount_program=PATH mounts overlays with a FUSE program (fuse-overlayfs) instead of the kernel' -r
complete -c rctl -n "__fish_rctl_using_subcommand stop" -s a -l all -d 'Stop all running containers'
complete -c rctl -n "__fish_rctl_using_subcommand stop" -s i -l ignore -d 'Do not fail for containers that do not exist'
complete -c rctl -n "__fish_rctl_using_subcommand stop" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rctl -n "__fish_rctl_using_subcommand restart" -s t -l time -d 'Seconds to wait for the stop signal before SIGKILL' -r
complete -c rctl -n "__fish_rctl_using_subcommand restart" -l root -d 'Path of the persistent store (images, layers, containers)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand restart" -l runroot -d 'Path of the run-time state (pids, sockets)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand restart" -l log-level -d 'How much to log on standard error' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rctl -n "__fish_rctl_using_subcommand restart" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "overlay\t'Kernel overlayfs (also in a user namespace), fuse-overlayfs as fallback'
vfs\t'Plain copies of the layers: slow, works everywhere'"
complete -c rctl -n "__fish_rctl_using_subcommand restart" -l storage-opt -d 'Storage option: overlay.mount_program=PATH mounts overlays with a FUSE program (fuse-overlayfs) instead of the kernel' -r
complete -c rctl -n "__fish_rctl_using_subcommand restart" -s a -l all -d 'Restart all containers'
complete -c rctl -n "__fish_rctl_using_subcommand restart" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rctl -n "__fish_rctl_using_subcommand kill" -s s -l signal -d 'Signal to send (name or number)' -r
complete -c rctl -n "__fish_rctl_using_subcommand kill" -l root -d 'Path of the persistent store (images, layers, containers)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand kill" -l runroot -d 'Path of the run-time state (pids, sockets)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand kill" -l log-level -d 'How much to log on standard error' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rctl -n "__fish_rctl_using_subcommand kill" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "overlay\t'Kernel overlayfs (also in a user namespace), fuse-overlayfs as fallback'
vfs\t'Plain copies of the layers: slow, works everywhere'"
complete -c rctl -n "__fish_rctl_using_subcommand kill" -l storage-opt -d 'Storage option: overlay.mount_program=PATH mounts overlays with a FUSE program (fuse-overlayfs) instead of the kernel' -r
complete -c rctl -n "__fish_rctl_using_subcommand kill" -s a -l all -d 'Signal all running containers'
complete -c rctl -n "__fish_rctl_using_subcommand kill" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rctl -n "__fish_rctl_using_subcommand rm" -s t -l time -d 'With --force, stop a running container with this timeout (seconds) instead of killing it at once' -r
complete -c rctl -n "__fish_rctl_using_subcommand rm" -l root -d 'Path of the persistent store (images, layers, containers)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand rm" -l runroot -d 'Path of the run-time state (pids, sockets)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand rm" -l log-level -d 'How much to log on standard error' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rctl -n "__fish_rctl_using_subcommand rm" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "overlay\t'Kernel overlayfs (also in a user namespace), fuse-overlayfs as fallback'
vfs\t'Plain copies of the layers: slow, works everywhere'"
complete -c rctl -n "__fish_rctl_using_subcommand rm" -l storage-opt -d 'Storage option: overlay.mount_program=PATH mounts overlays with a FUSE program (fuse-overlayfs) instead of the kernel' -r
complete -c rctl -n "__fish_rctl_using_subcommand rm" -s f -l force -d 'Remove running containers too (they are killed)'
complete -c rctl -n "__fish_rctl_using_subcommand rm" -s a -l all -d 'Remove all containers'
complete -c rctl -n "__fish_rctl_using_subcommand rm" -s v -l volumes -d 'Remove the container\'s anonymous volumes too'
complete -c rctl -n "__fish_rctl_using_subcommand rm" -s i -l ignore -d 'Do not fail for containers that do not exist'
complete -c rctl -n "__fish_rctl_using_subcommand rm" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rctl -n "__fish_rctl_using_subcommand ps" -s n -l last -d 'Show the N most recently created containers (all states)' -r
complete -c rctl -n "__fish_rctl_using_subcommand ps" -s f -l filter -d 'Filter: id=, name=, status=, label=, ancestor=, exited=' -r
complete -c rctl -n "__fish_rctl_using_subcommand ps" -l format -d 'Print with a Go template, or `json`' -r
complete -c rctl -n "__fish_rctl_using_subcommand ps" -l root -d 'Path of the persistent store (images, layers, containers)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand ps" -l runroot -d 'Path of the run-time state (pids, sockets)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand ps" -l log-level -d 'How much to log on standard error' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rctl -n "__fish_rctl_using_subcommand ps" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "overlay\t'Kernel overlayfs (also in a user namespace), fuse-overlayfs as fallback'
vfs\t'Plain copies of the layers: slow, works everywhere'"
complete -c rctl -n "__fish_rctl_using_subcommand ps" -l storage-opt -d 'Storage option: overlay.mount_program=PATH mounts overlays with a FUSE program (fuse-overlayfs) instead of the kernel' -r
complete -c rctl -n "__fish_rctl_using_subcommand ps" -s a -l all -d 'Show all containers, not only running ones'
complete -c rctl -n "__fish_rctl_using_subcommand ps" -s q -l quiet -d 'Show only container ids'
complete -c rctl -n "__fish_rctl_using_subcommand ps" -s l -l latest -d 'Show the most recently created container (all states)'
complete -c rctl -n "__fish_rctl_using_subcommand ps" -s s -l size -d 'Show the size of each container\'s writable layer'
complete -c rctl -n "__fish_rctl_using_subcommand ps" -l no-trunc -d 'Do not shorten ids and commands'
complete -c rctl -n "__fish_rctl_using_subcommand ps" -l noheading -d 'Do not print the header line'
complete -c rctl -n "__fish_rctl_using_subcommand ps" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rctl -n "__fish_rctl_using_subcommand logs" -l since -d 'Only output written since (RFC 3339 time, Unix seconds, or a duration such as 10m)' -r
complete -c rctl -n "__fish_rctl_using_subcommand logs" -l until -d 'Only output written before (same forms as --since)' -r
complete -c rctl -n "__fish_rctl_using_subcommand logs" -l tail -d 'Only the last N lines' -r
complete -c rctl -n "__fish_rctl_using_subcommand logs" -l root -d 'Path of the persistent store (images, layers, containers)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand logs" -l runroot -d 'Path of the run-time state (pids, sockets)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand logs" -l log-level -d 'How much to log on standard error' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rctl -n "__fish_rctl_using_subcommand logs" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "overlay\t'Kernel overlayfs (also in a user namespace), fuse-overlayfs as fallback'
vfs\t'Plain copies of the layers: slow, works everywhere'"
complete -c rctl -n "__fish_rctl_using_subcommand logs" -l storage-opt -d 'Storage option: overlay.mount_program=PATH mounts overlays with a FUSE program (fuse-overlayfs) instead of the kernel' -r
complete -c rctl -n "__fish_rctl_using_subcommand logs" -s f -l follow -d 'Keep printing new output until the container stops'
complete -c rctl -n "__fish_rctl_using_subcommand logs" -s t -l timestamps -d 'Prefix each line with its time'
complete -c rctl -n "__fish_rctl_using_subcommand logs" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rctl -n "__fish_rctl_using_subcommand wait" -l condition -d 'Conditions to wait for (accepted: stopped, exited)' -r
complete -c rctl -n "__fish_rctl_using_subcommand wait" -l root -d 'Path of the persistent store (images, layers, containers)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand wait" -l runroot -d 'Path of the run-time state (pids, sockets)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand wait" -l log-level -d 'How much to log on standard error' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rctl -n "__fish_rctl_using_subcommand wait" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "overlay\t'Kernel overlayfs (also in a user namespace), fuse-overlayfs as fallback'
vfs\t'Plain copies of the layers: slow, works everywhere'"
complete -c rctl -n "__fish_rctl_using_subcommand wait" -l storage-opt -d 'Storage option: overlay.mount_program=PATH mounts overlays with a FUSE program (fuse-overlayfs) instead of the kernel' -r
complete -c rctl -n "__fish_rctl_using_subcommand wait" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rctl -n "__fish_rctl_using_subcommand attach" -l detach-keys -d 'Keys that detach from the container' -r
complete -c rctl -n "__fish_rctl_using_subcommand attach" -l sig-proxy -d 'Pass signals to the container (accepted; always on without a terminal)' -r -f -a "true\t''
false\t''"
complete -c rctl -n "__fish_rctl_using_subcommand attach" -l root -d 'Path of the persistent store (images, layers, containers)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand attach" -l runroot -d 'Path of the run-time state (pids, sockets)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand attach" -l log-level -d 'How much to log on standard error' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rctl -n "__fish_rctl_using_subcommand attach" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "overlay\t'Kernel overlayfs (also in a user namespace), fuse-overlayfs as fallback'
vfs\t'Plain copies of the layers: slow, works everywhere'"
complete -c rctl -n "__fish_rctl_using_subcommand attach" -l storage-opt -d 'Storage option: overlay.mount_program=PATH mounts overlays with a FUSE program (fuse-overlayfs) instead of the kernel' -r
complete -c rctl -n "__fish_rctl_using_subcommand attach" -l no-stdin -d 'Do not attach standard input'
complete -c rctl -n "__fish_rctl_using_subcommand attach" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rctl -n "__fish_rctl_using_subcommand exec" -s e -l env -d 'Set an environment variable (NAME=VALUE, or NAME to take the host\'s)' -r
complete -c rctl -n "__fish_rctl_using_subcommand exec" -s w -l workdir -d 'Working directory inside the container' -r
complete -c rctl -n "__fish_rctl_using_subcommand exec" -s u -l user -d 'User (name, uid, name:group, uid:gid)' -r
complete -c rctl -n "__fish_rctl_using_subcommand exec" -l root -d 'Path of the persistent store (images, layers, containers)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand exec" -l runroot -d 'Path of the run-time state (pids, sockets)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand exec" -l log-level -d 'How much to log on standard error' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rctl -n "__fish_rctl_using_subcommand exec" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "overlay\t'Kernel overlayfs (also in a user namespace), fuse-overlayfs as fallback'
vfs\t'Plain copies of the layers: slow, works everywhere'"
complete -c rctl -n "__fish_rctl_using_subcommand exec" -l storage-opt -d 'Storage option: overlay.mount_program=PATH mounts overlays with a FUSE program (fuse-overlayfs) instead of the kernel' -r
complete -c rctl -n "__fish_rctl_using_subcommand exec" -s i -l interactive -d 'Keep standard input open'
complete -c rctl -n "__fish_rctl_using_subcommand exec" -s t -l tty -d 'Give the command a terminal'
complete -c rctl -n "__fish_rctl_using_subcommand exec" -s d -l detach -d 'Run in the background'
complete -c rctl -n "__fish_rctl_using_subcommand exec" -l privileged -d 'Give the command every capability'
complete -c rctl -n "__fish_rctl_using_subcommand exec" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rctl -n "__fish_rctl_using_subcommand rename" -l root -d 'Path of the persistent store (images, layers, containers)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand rename" -l runroot -d 'Path of the run-time state (pids, sockets)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand rename" -l log-level -d 'How much to log on standard error' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rctl -n "__fish_rctl_using_subcommand rename" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "overlay\t'Kernel overlayfs (also in a user namespace), fuse-overlayfs as fallback'
vfs\t'Plain copies of the layers: slow, works everywhere'"
complete -c rctl -n "__fish_rctl_using_subcommand rename" -l storage-opt -d 'Storage option: overlay.mount_program=PATH mounts overlays with a FUSE program (fuse-overlayfs) instead of the kernel' -r
complete -c rctl -n "__fish_rctl_using_subcommand rename" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rctl -n "__fish_rctl_using_subcommand cp" -l root -d 'Path of the persistent store (images, layers, containers)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand cp" -l runroot -d 'Path of the run-time state (pids, sockets)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand cp" -l log-level -d 'How much to log on standard error' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rctl -n "__fish_rctl_using_subcommand cp" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "overlay\t'Kernel overlayfs (also in a user namespace), fuse-overlayfs as fallback'
vfs\t'Plain copies of the layers: slow, works everywhere'"
complete -c rctl -n "__fish_rctl_using_subcommand cp" -l storage-opt -d 'Storage option: overlay.mount_program=PATH mounts overlays with a FUSE program (fuse-overlayfs) instead of the kernel' -r
complete -c rctl -n "__fish_rctl_using_subcommand cp" -s a -l archive -d 'Accepted for docker compatibility (copies keep the file modes)'
complete -c rctl -n "__fish_rctl_using_subcommand cp" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rctl -n "__fish_rctl_using_subcommand top" -l root -d 'Path of the persistent store (images, layers, containers)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand top" -l runroot -d 'Path of the run-time state (pids, sockets)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand top" -l log-level -d 'How much to log on standard error' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rctl -n "__fish_rctl_using_subcommand top" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "overlay\t'Kernel overlayfs (also in a user namespace), fuse-overlayfs as fallback'
vfs\t'Plain copies of the layers: slow, works everywhere'"
complete -c rctl -n "__fish_rctl_using_subcommand top" -l storage-opt -d 'Storage option: overlay.mount_program=PATH mounts overlays with a FUSE program (fuse-overlayfs) instead of the kernel' -r
complete -c rctl -n "__fish_rctl_using_subcommand top" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rctl -n "__fish_rctl_using_subcommand stats" -s i -l interval -d 'Seconds between reports' -r
complete -c rctl -n "__fish_rctl_using_subcommand stats" -l format -d 'Print with a Go template, or `json`' -r
complete -c rctl -n "__fish_rctl_using_subcommand stats" -l root -d 'Path of the persistent store (images, layers, containers)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand stats" -l runroot -d 'Path of the run-time state (pids, sockets)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand stats" -l log-level -d 'How much to log on standard error' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rctl -n "__fish_rctl_using_subcommand stats" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "overlay\t'Kernel overlayfs (also in a user namespace), fuse-overlayfs as fallback'
vfs\t'Plain copies of the layers: slow, works everywhere'"
complete -c rctl -n "__fish_rctl_using_subcommand stats" -l storage-opt -d 'Storage option: overlay.mount_program=PATH mounts overlays with a FUSE program (fuse-overlayfs) instead of the kernel' -r
complete -c rctl -n "__fish_rctl_using_subcommand stats" -s a -l all -d 'Show all containers, stopped ones too (their figures as `--`)'
complete -c rctl -n "__fish_rctl_using_subcommand stats" -l no-stream -d 'Print one report and exit'
complete -c rctl -n "__fish_rctl_using_subcommand stats" -l no-trunc -d 'Do not shorten ids'
complete -c rctl -n "__fish_rctl_using_subcommand stats" -l no-reset -d 'Do not clear the screen between reports'
complete -c rctl -n "__fish_rctl_using_subcommand stats" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rctl -n "__fish_rctl_using_subcommand port" -l root -d 'Path of the persistent store (images, layers, containers)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand port" -l runroot -d 'Path of the run-time state (pids, sockets)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand port" -l log-level -d 'How much to log on standard error' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rctl -n "__fish_rctl_using_subcommand port" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "overlay\t'Kernel overlayfs (also in a user namespace), fuse-overlayfs as fallback'
vfs\t'Plain copies of the layers: slow, works everywhere'"
complete -c rctl -n "__fish_rctl_using_subcommand port" -l storage-opt -d 'Storage option: overlay.mount_program=PATH mounts overlays with a FUSE program (fuse-overlayfs) instead of the kernel' -r
complete -c rctl -n "__fish_rctl_using_subcommand port" -s a -l all -d 'List the ports of all running containers'
complete -c rctl -n "__fish_rctl_using_subcommand port" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rctl -n "__fish_rctl_using_subcommand diff" -l format -d 'Print as json' -r -f -a "json\t''"
complete -c rctl -n "__fish_rctl_using_subcommand diff" -l root -d 'Path of the persistent store (images, layers, containers)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand diff" -l runroot -d 'Path of the run-time state (pids, sockets)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand diff" -l log-level -d 'How much to log on standard error' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rctl -n "__fish_rctl_using_subcommand diff" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "overlay\t'Kernel overlayfs (also in a user namespace), fuse-overlayfs as fallback'
vfs\t'Plain copies of the layers: slow, works everywhere'"
complete -c rctl -n "__fish_rctl_using_subcommand diff" -l storage-opt -d 'Storage option: overlay.mount_program=PATH mounts overlays with a FUSE program (fuse-overlayfs) instead of the kernel' -r
complete -c rctl -n "__fish_rctl_using_subcommand diff" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rctl -n "__fish_rctl_using_subcommand commit" -s c -l change -d 'Apply a Dockerfile instruction (CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, ONBUILD, STOPSIGNAL, USER, VOLUME, WORKDIR)' -r
complete -c rctl -n "__fish_rctl_using_subcommand commit" -s m -l message -d 'Comment for the image\'s history' -r
complete -c rctl -n "__fish_rctl_using_subcommand commit" -s a -l author -d 'Author of the image' -r
complete -c rctl -n "__fish_rctl_using_subcommand commit" -l iidfile -d 'Write the image id to this file' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand commit" -l root -d 'Path of the persistent store (images, layers, containers)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand commit" -l runroot -d 'Path of the run-time state (pids, sockets)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand commit" -l log-level -d 'How much to log on standard error' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rctl -n "__fish_rctl_using_subcommand commit" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "overlay\t'Kernel overlayfs (also in a user namespace), fuse-overlayfs as fallback'
vfs\t'Plain copies of the layers: slow, works everywhere'"
complete -c rctl -n "__fish_rctl_using_subcommand commit" -l storage-opt -d 'Storage option: overlay.mount_program=PATH mounts overlays with a FUSE program (fuse-overlayfs) instead of the kernel' -r
complete -c rctl -n "__fish_rctl_using_subcommand commit" -s p -l pause -d 'Pause the container while its files are read'
complete -c rctl -n "__fish_rctl_using_subcommand commit" -l squash -d 'One layer holding the whole filesystem'
complete -c rctl -n "__fish_rctl_using_subcommand commit" -s q -l quiet -d 'Print only the image id (the only thing printed anyway)'
complete -c rctl -n "__fish_rctl_using_subcommand commit" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rctl -n "__fish_rctl_using_subcommand export" -s o -l output -d 'Write to this file instead of standard output' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand export" -l root -d 'Path of the persistent store (images, layers, containers)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand export" -l runroot -d 'Path of the run-time state (pids, sockets)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand export" -l log-level -d 'How much to log on standard error' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rctl -n "__fish_rctl_using_subcommand export" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "overlay\t'Kernel overlayfs (also in a user namespace), fuse-overlayfs as fallback'
vfs\t'Plain copies of the layers: slow, works everywhere'"
complete -c rctl -n "__fish_rctl_using_subcommand export" -l storage-opt -d 'Storage option: overlay.mount_program=PATH mounts overlays with a FUSE program (fuse-overlayfs) instead of the kernel' -r
complete -c rctl -n "__fish_rctl_using_subcommand export" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rctl -n "__fish_rctl_using_subcommand update" -s m -l memory -d 'Memory limit (bytes, or with a k, m, g suffix)' -r
complete -c rctl -n "__fish_rctl_using_subcommand update" -l memory-swap -d 'Memory plus swap (-1: unlimited swap; default: twice --memory)' -r
complete -c rctl -n "__fish_rctl_using_subcommand update" -l memory-reservation -d 'Soft memory limit, reclaimed toward under memory pressure' -r
complete -c rctl -n "__fish_rctl_using_subcommand update" -l cpus -d 'Number of CPUs\' worth of time (0.5: half of one)' -r
complete -c rctl -n "__fish_rctl_using_subcommand update" -s c -l cpu-shares -d 'Relative CPU weight (default 1024)' -r
complete -c rctl -n "__fish_rctl_using_subcommand update" -l cpuset-cpus -d 'CPUs the container may run on (0-3, 0,2)' -r
complete -c rctl -n "__fish_rctl_using_subcommand update" -l pids-limit -d 'Most processes at once (-1: unlimited)' -r
complete -c rctl -n "__fish_rctl_using_subcommand update" -l root -d 'Path of the persistent store (images, layers, containers)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand update" -l runroot -d 'Path of the run-time state (pids, sockets)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand update" -l log-level -d 'How much to log on standard error' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rctl -n "__fish_rctl_using_subcommand update" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "overlay\t'Kernel overlayfs (also in a user namespace), fuse-overlayfs as fallback'
vfs\t'Plain copies of the layers: slow, works everywhere'"
complete -c rctl -n "__fish_rctl_using_subcommand update" -l storage-opt -d 'Storage option: overlay.mount_program=PATH mounts overlays with a FUSE program (fuse-overlayfs) instead of the kernel' -r
complete -c rctl -n "__fish_rctl_using_subcommand update" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rctl -n "__fish_rctl_using_subcommand pause" -l root -d 'Path of the persistent store (images, layers, containers)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand pause" -l runroot -d 'Path of the run-time state (pids, sockets)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand pause" -l log-level -d 'How much to log on standard error' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rctl -n "__fish_rctl_using_subcommand pause" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "overlay\t'Kernel overlayfs (also in a user namespace), fuse-overlayfs as fallback'
vfs\t'Plain copies of the layers: slow, works everywhere'"
complete -c rctl -n "__fish_rctl_using_subcommand pause" -l storage-opt -d 'Storage option: overlay.mount_program=PATH mounts overlays with a FUSE program (fuse-overlayfs) instead of the kernel' -r
complete -c rctl -n "__fish_rctl_using_subcommand pause" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rctl -n "__fish_rctl_using_subcommand unpause" -l root -d 'Path of the persistent store (images, layers, containers)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand unpause" -l runroot -d 'Path of the run-time state (pids, sockets)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand unpause" -l log-level -d 'How much to log on standard error' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rctl -n "__fish_rctl_using_subcommand unpause" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "overlay\t'Kernel overlayfs (also in a user namespace), fuse-overlayfs as fallback'
vfs\t'Plain copies of the layers: slow, works everywhere'"
complete -c rctl -n "__fish_rctl_using_subcommand unpause" -l storage-opt -d 'Storage option: overlay.mount_program=PATH mounts overlays with a FUSE program (fuse-overlayfs) instead of the kernel' -r
complete -c rctl -n "__fish_rctl_using_subcommand unpause" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rctl -n "__fish_rctl_using_subcommand mount" -l root -d 'Path of the persistent store (images, layers, containers)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand mount" -l runroot -d 'Path of the run-time state (pids, sockets)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand mount" -l log-level -d 'How much to log on standard error' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rctl -n "__fish_rctl_using_subcommand mount" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "overlay\t'Kernel overlayfs (also in a user namespace), fuse-overlayfs as fallback'
vfs\t'Plain copies of the layers: slow, works everywhere'"
complete -c rctl -n "__fish_rctl_using_subcommand mount" -l storage-opt -d 'Storage option: overlay.mount_program=PATH mounts overlays with a FUSE program (fuse-overlayfs) instead of the kernel' -r
complete -c rctl -n "__fish_rctl_using_subcommand mount" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rctl -n "__fish_rctl_using_subcommand unmount" -l root -d 'Path of the persistent store (images, layers, containers)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand unmount" -l runroot -d 'Path of the run-time state (pids, sockets)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand unmount" -l log-level -d 'How much to log on standard error' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rctl -n "__fish_rctl_using_subcommand unmount" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "overlay\t'Kernel overlayfs (also in a user namespace), fuse-overlayfs as fallback'
vfs\t'Plain copies of the layers: slow, works everywhere'"
complete -c rctl -n "__fish_rctl_using_subcommand unmount" -l storage-opt -d 'Storage option: overlay.mount_program=PATH mounts overlays with a FUSE program (fuse-overlayfs) instead of the kernel' -r
complete -c rctl -n "__fish_rctl_using_subcommand unmount" -s a -l all -d 'Unmount every container'
complete -c rctl -n "__fish_rctl_using_subcommand unmount" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rctl -n "__fish_rctl_using_subcommand umount" -l root -d 'Path of the persistent store (images, layers, containers)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand umount" -l runroot -d 'Path of the run-time state (pids, sockets)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand umount" -l log-level -d 'How much to log on standard error' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rctl -n "__fish_rctl_using_subcommand umount" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "overlay\t'Kernel overlayfs (also in a user namespace), fuse-overlayfs as fallback'
vfs\t'Plain copies of the layers: slow, works everywhere'"
complete -c rctl -n "__fish_rctl_using_subcommand umount" -l storage-opt -d 'Storage option: overlay.mount_program=PATH mounts overlays with a FUSE program (fuse-overlayfs) instead of the kernel' -r
complete -c rctl -n "__fish_rctl_using_subcommand umount" -s a -l all -d 'Unmount every container'
complete -c rctl -n "__fish_rctl_using_subcommand umount" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rctl -n "__fish_rctl_using_subcommand images" -s f -l filter -d 'Filter: reference=, label=, dangling=, id=, before=, since=' -r
complete -c rctl -n "__fish_rctl_using_subcommand images" -l sort -d 'Sort by created, id, repository, size or tag' -r -f -a "created\t''
id\t''
repository\t''
size\t''
tag\t''"
complete -c rctl -n "__fish_rctl_using_subcommand images" -l format -d 'Print with a Go template, or `json`' -r
complete -c rctl -n "__fish_rctl_using_subcommand images" -l root -d 'Path of the persistent store (images, layers, containers)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand images" -l runroot -d 'Path of the run-time state (pids, sockets)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand images" -l log-level -d 'How much to log on standard error' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rctl -n "__fish_rctl_using_subcommand images" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "overlay\t'Kernel overlayfs (also in a user namespace), fuse-overlayfs as fallback'
vfs\t'Plain copies of the layers: slow, works everywhere'"
complete -c rctl -n "__fish_rctl_using_subcommand images" -l storage-opt -d 'Storage option: overlay.mount_program=PATH mounts overlays with a FUSE program (fuse-overlayfs) instead of the kernel' -r
complete -c rctl -n "__fish_rctl_using_subcommand images" -s a -l all -d 'Show intermediate images too'
complete -c rctl -n "__fish_rctl_using_subcommand images" -s q -l quiet -d 'Show only image ids'
complete -c rctl -n "__fish_rctl_using_subcommand images" -l digests -d 'Show digests'
complete -c rctl -n "__fish_rctl_using_subcommand images" -l no-trunc -d 'Do not shorten ids'
complete -c rctl -n "__fish_rctl_using_subcommand images" -s n -l noheading -d 'Do not print the header line'
complete -c rctl -n "__fish_rctl_using_subcommand images" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rctl -n "__fish_rctl_using_subcommand build" -s t -l tag -d 'Name (and tag) for the image; repeatable' -r
complete -c rctl -n "__fish_rctl_using_subcommand build" -s f -l file -d 'The Containerfile (default: Containerfile, then Dockerfile, in the context); `-` reads standard input' -r
complete -c rctl -n "__fish_rctl_using_subcommand build" -l build-arg -d 'A build argument; `NAME` alone takes the value from the environment' -r
complete -c rctl -n "__fish_rctl_using_subcommand build" -l target -d 'Build up to this stage' -r
complete -c rctl -n "__fish_rctl_using_subcommand build" -l pull -d 'When to pull base images: always (also `--pull` alone), missing, never, newer' -r -f -a "missing\t'Only when the store lacks it'
always\t'Every time'
never\t'Never: the image must be in the store'
newer\t'When the registry has a different image under the name (or the store lacks it)'"
complete -c rctl -n "__fish_rctl_using_subcommand build" -l label -d 'A label for the image; repeatable' -r
complete -c rctl -n "__fish_rctl_using_subcommand build" -l layers -d 'Keep each step\'s image to reuse in later builds (default true)' -r -f -a "true\t''
false\t''"
complete -c rctl -n "__fish_rctl_using_subcommand build" -l timestamp -d 'Set every created time, and the time of every file in new layers, to these seconds since the epoch (reproducible builds)' -r
complete -c rctl -n "__fish_rctl_using_subcommand build" -l network -d 'The network of RUN steps (default as `run`\'s)' -r
complete -c rctl -n "__fish_rctl_using_subcommand build" -l secret -d 'A secret for `RUN --mount=type=secret`: id=ID,src=PATH' -r
complete -c rctl -n "__fish_rctl_using_subcommand build" -l iidfile -d 'Write the image id to this file' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand build" -l format -d 'Image format (oci or docker; rctl writes OCI either way)' -r -f -a "oci\t''
docker\t''"
complete -c rctl -n "__fish_rctl_using_subcommand build" -l rm -d 'Remove the step containers (always done)' -r -f -a "true\t''
false\t''"
complete -c rctl -n "__fish_rctl_using_subcommand build" -l platform -d 'Platform of the image to take from a manifest list (OS/ARCH[/VARIANT])' -r
complete -c rctl -n "__fish_rctl_using_subcommand build" -l arch -d 'Architecture to take instead of the host\'s' -r
complete -c rctl -n "__fish_rctl_using_subcommand build" -l os -d 'Operating system to take instead of the host\'s' -r
complete -c rctl -n "__fish_rctl_using_subcommand build" -l variant -d 'CPU variant to take (v7, v8, ...)' -r
complete -c rctl -n "__fish_rctl_using_subcommand build" -l authfile -d 'Credentials file (default: podman\'s auth.json; docker\'s config.json is read too)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand build" -l creds -d 'Credentials (USERNAME[:PASSWORD]) for the registry' -r
complete -c rctl -n "__fish_rctl_using_subcommand build" -l tls-verify -d 'Require HTTPS and verify certificates (`--tls-verify=false` allows plain HTTP)' -r -f -a "true\t''
false\t''"
complete -c rctl -n "__fish_rctl_using_subcommand build" -l root -d 'Path of the persistent store (images, layers, containers)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand build" -l runroot -d 'Path of the run-time state (pids, sockets)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand build" -l log-level -d 'How much to log on standard error' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rctl -n "__fish_rctl_using_subcommand build" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "overlay\t'Kernel overlayfs (also in a user namespace), fuse-overlayfs as fallback'
vfs\t'Plain copies of the layers: slow, works everywhere'"
complete -c rctl -n "__fish_rctl_using_subcommand build" -l storage-opt -d 'Storage option: overlay.mount_program=PATH mounts overlays with a FUSE program (fuse-overlayfs) instead of the kernel' -r
complete -c rctl -n "__fish_rctl_using_subcommand build" -l no-cache -d 'Run every step, using no cached step'
complete -c rctl -n "__fish_rctl_using_subcommand build" -l squash -d 'The new layers as one'
complete -c rctl -n "__fish_rctl_using_subcommand build" -s q -l quiet -d 'Print only the image id'
complete -c rctl -n "__fish_rctl_using_subcommand build" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rctl -n "__fish_rctl_using_subcommand pull" -l platform -d 'Platform of the image to take from a manifest list (OS/ARCH[/VARIANT])' -r
complete -c rctl -n "__fish_rctl_using_subcommand pull" -l arch -d 'Architecture to take instead of the host\'s' -r
complete -c rctl -n "__fish_rctl_using_subcommand pull" -l os -d 'Operating system to take instead of the host\'s' -r
complete -c rctl -n "__fish_rctl_using_subcommand pull" -l variant -d 'CPU variant to take (v7, v8, ...)' -r
complete -c rctl -n "__fish_rctl_using_subcommand pull" -l authfile -d 'Credentials file (default: podman\'s auth.json; docker\'s config.json is read too)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand pull" -l creds -d 'Credentials (USERNAME[:PASSWORD]) for the registry' -r
complete -c rctl -n "__fish_rctl_using_subcommand pull" -l tls-verify -d 'Require HTTPS and verify certificates (`--tls-verify=false` allows plain HTTP)' -r -f -a "true\t''
false\t''"
complete -c rctl -n "__fish_rctl_using_subcommand pull" -l root -d 'Path of the persistent store (images, layers, containers)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand pull" -l runroot -d 'Path of the run-time state (pids, sockets)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand pull" -l log-level -d 'How much to log on standard error' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rctl -n "__fish_rctl_using_subcommand pull" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "overlay\t'Kernel overlayfs (also in a user namespace), fuse-overlayfs as fallback'
vfs\t'Plain copies of the layers: slow, works everywhere'"
complete -c rctl -n "__fish_rctl_using_subcommand pull" -l storage-opt -d 'Storage option: overlay.mount_program=PATH mounts overlays with a FUSE program (fuse-overlayfs) instead of the kernel' -r
complete -c rctl -n "__fish_rctl_using_subcommand pull" -s a -l all-tags -d 'Pull every tag of the repository'
complete -c rctl -n "__fish_rctl_using_subcommand pull" -s q -l quiet -d 'Print nothing but the image ids'
complete -c rctl -n "__fish_rctl_using_subcommand pull" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rctl -n "__fish_rctl_using_subcommand push" -l compression-format -d 'Layer compression' -r -f -a "gzip\t'gzip (every registry and client reads it)'
zstd\t'zstd (smaller and faster; needs a recent client)'"
complete -c rctl -n "__fish_rctl_using_subcommand push" -s f -l format -d 'Manifest format' -r -f -a "oci\t'OCI image manifest'
v2s2\t'Docker image manifest, schema 2'"
complete -c rctl -n "__fish_rctl_using_subcommand push" -l digestfile -d 'Write the pushed manifest\'s digest to this file' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand push" -l authfile -d 'Credentials file (default: podman\'s auth.json; docker\'s config.json is read too)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand push" -l creds -d 'Credentials (USERNAME[:PASSWORD]) for the registry' -r
complete -c rctl -n "__fish_rctl_using_subcommand push" -l tls-verify -d 'Require HTTPS and verify certificates (`--tls-verify=false` allows plain HTTP)' -r -f -a "true\t''
false\t''"
complete -c rctl -n "__fish_rctl_using_subcommand push" -l root -d 'Path of the persistent store (images, layers, containers)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand push" -l runroot -d 'Path of the run-time state (pids, sockets)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand push" -l log-level -d 'How much to log on standard error' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rctl -n "__fish_rctl_using_subcommand push" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "overlay\t'Kernel overlayfs (also in a user namespace), fuse-overlayfs as fallback'
vfs\t'Plain copies of the layers: slow, works everywhere'"
complete -c rctl -n "__fish_rctl_using_subcommand push" -l storage-opt -d 'Storage option: overlay.mount_program=PATH mounts overlays with a FUSE program (fuse-overlayfs) instead of the kernel' -r
complete -c rctl -n "__fish_rctl_using_subcommand push" -s q -l quiet -d 'Print nothing but errors'
complete -c rctl -n "__fish_rctl_using_subcommand push" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rctl -n "__fish_rctl_using_subcommand login" -s u -l username -d 'User name' -r
complete -c rctl -n "__fish_rctl_using_subcommand login" -s p -l password -d 'Password (visible to other users in the process list: prefer --password-stdin)' -r
complete -c rctl -n "__fish_rctl_using_subcommand login" -l authfile -d 'Credentials file (default: podman\'s auth.json; docker\'s config.json is read too)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand login" -l creds -d 'Credentials (USERNAME[:PASSWORD]) for the registry' -r
complete -c rctl -n "__fish_rctl_using_subcommand login" -l tls-verify -d 'Require HTTPS and verify certificates (`--tls-verify=false` allows plain HTTP)' -r -f -a "true\t''
false\t''"
complete -c rctl -n "__fish_rctl_using_subcommand login" -l root -d 'Path of the persistent store (images, layers, containers)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand login" -l runroot -d 'Path of the run-time state (pids, sockets)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand login" -l log-level -d 'How much to log on standard error' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rctl -n "__fish_rctl_using_subcommand login" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "overlay\t'Kernel overlayfs (also in a user namespace), fuse-overlayfs as fallback'
vfs\t'Plain copies of the layers: slow, works everywhere'"
complete -c rctl -n "__fish_rctl_using_subcommand login" -l storage-opt -d 'Storage option: overlay.mount_program=PATH mounts overlays with a FUSE program (fuse-overlayfs) instead of the kernel' -r
complete -c rctl -n "__fish_rctl_using_subcommand login" -l password-stdin -d 'Read the password from standard input'
complete -c rctl -n "__fish_rctl_using_subcommand login" -l get-login -d 'Print the user name logged in to the registry, and nothing else'
complete -c rctl -n "__fish_rctl_using_subcommand login" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rctl -n "__fish_rctl_using_subcommand logout" -l authfile -d 'Credentials file (default: podman\'s auth.json)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand logout" -l root -d 'Path of the persistent store (images, layers, containers)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand logout" -l runroot -d 'Path of the run-time state (pids, sockets)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand logout" -l log-level -d 'How much to log on standard error' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rctl -n "__fish_rctl_using_subcommand logout" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "overlay\t'Kernel overlayfs (also in a user namespace), fuse-overlayfs as fallback'
vfs\t'Plain copies of the layers: slow, works everywhere'"
complete -c rctl -n "__fish_rctl_using_subcommand logout" -l storage-opt -d 'Storage option: overlay.mount_program=PATH mounts overlays with a FUSE program (fuse-overlayfs) instead of the kernel' -r
complete -c rctl -n "__fish_rctl_using_subcommand logout" -s a -l all -d 'Remove the credentials of every registry'
complete -c rctl -n "__fish_rctl_using_subcommand logout" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rctl -n "__fish_rctl_using_subcommand load" -s i -l input -d 'Read from this archive or OCI layout directory instead of standard input' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand load" -l root -d 'Path of the persistent store (images, layers, containers)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand load" -l runroot -d 'Path of the run-time state (pids, sockets)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand load" -l log-level -d 'How much to log on standard error' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rctl -n "__fish_rctl_using_subcommand load" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "overlay\t'Kernel overlayfs (also in a user namespace), fuse-overlayfs as fallback'
vfs\t'Plain copies of the layers: slow, works everywhere'"
complete -c rctl -n "__fish_rctl_using_subcommand load" -l storage-opt -d 'Storage option: overlay.mount_program=PATH mounts overlays with a FUSE program (fuse-overlayfs) instead of the kernel' -r
complete -c rctl -n "__fish_rctl_using_subcommand load" -s q -l quiet -d 'Print nothing but errors'
complete -c rctl -n "__fish_rctl_using_subcommand load" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rctl -n "__fish_rctl_using_subcommand save" -s o -l output -d 'Write to this file (or directory for oci-dir) instead of standard output' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand save" -l format -d 'Archive format' -r -f -a "docker-archive\t'docker\'s `docker save` layout (manifest.json)'
oci-archive\t'An OCI image layout in a tar file'
oci-dir\t'An OCI image layout in a directory'"
complete -c rctl -n "__fish_rctl_using_subcommand save" -l root -d 'Path of the persistent store (images, layers, containers)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand save" -l runroot -d 'Path of the run-time state (pids, sockets)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand save" -l log-level -d 'How much to log on standard error' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rctl -n "__fish_rctl_using_subcommand save" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "overlay\t'Kernel overlayfs (also in a user namespace), fuse-overlayfs as fallback'
vfs\t'Plain copies of the layers: slow, works everywhere'"
complete -c rctl -n "__fish_rctl_using_subcommand save" -l storage-opt -d 'Storage option: overlay.mount_program=PATH mounts overlays with a FUSE program (fuse-overlayfs) instead of the kernel' -r
complete -c rctl -n "__fish_rctl_using_subcommand save" -s m -l multi-image-archive -d 'Accepted for podman compatibility: several images always go in one archive'
complete -c rctl -n "__fish_rctl_using_subcommand save" -s q -l quiet -d 'Print nothing but errors'
complete -c rctl -n "__fish_rctl_using_subcommand save" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rctl -n "__fish_rctl_using_subcommand import" -s c -l change -d 'Apply a Dockerfile instruction (CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, ONBUILD, STOPSIGNAL, USER, VOLUME, WORKDIR)' -r
complete -c rctl -n "__fish_rctl_using_subcommand import" -s m -l message -d 'Comment for the image\'s history' -r
complete -c rctl -n "__fish_rctl_using_subcommand import" -l arch -d 'Architecture to record instead of the host\'s' -r
complete -c rctl -n "__fish_rctl_using_subcommand import" -l os -d 'Operating system to record instead of the host\'s' -r
complete -c rctl -n "__fish_rctl_using_subcommand import" -l variant -d 'Architecture variant to record' -r
complete -c rctl -n "__fish_rctl_using_subcommand import" -l root -d 'Path of the persistent store (images, layers, containers)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand import" -l runroot -d 'Path of the run-time state (pids, sockets)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand import" -l log-level -d 'How much to log on standard error' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rctl -n "__fish_rctl_using_subcommand import" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "overlay\t'Kernel overlayfs (also in a user namespace), fuse-overlayfs as fallback'
vfs\t'Plain copies of the layers: slow, works everywhere'"
complete -c rctl -n "__fish_rctl_using_subcommand import" -l storage-opt -d 'Storage option: overlay.mount_program=PATH mounts overlays with a FUSE program (fuse-overlayfs) instead of the kernel' -r
complete -c rctl -n "__fish_rctl_using_subcommand import" -s q -l quiet -d 'Print only the image id'
complete -c rctl -n "__fish_rctl_using_subcommand import" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rctl -n "__fish_rctl_using_subcommand tag" -l root -d 'Path of the persistent store (images, layers, containers)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand tag" -l runroot -d 'Path of the run-time state (pids, sockets)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand tag" -l log-level -d 'How much to log on standard error' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rctl -n "__fish_rctl_using_subcommand tag" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "overlay\t'Kernel overlayfs (also in a user namespace), fuse-overlayfs as fallback'
vfs\t'Plain copies of the layers: slow, works everywhere'"
complete -c rctl -n "__fish_rctl_using_subcommand tag" -l storage-opt -d 'Storage option: overlay.mount_program=PATH mounts overlays with a FUSE program (fuse-overlayfs) instead of the kernel' -r
complete -c rctl -n "__fish_rctl_using_subcommand tag" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rctl -n "__fish_rctl_using_subcommand untag" -l root -d 'Path of the persistent store (images, layers, containers)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand untag" -l runroot -d 'Path of the run-time state (pids, sockets)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand untag" -l log-level -d 'How much to log on standard error' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rctl -n "__fish_rctl_using_subcommand untag" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "overlay\t'Kernel overlayfs (also in a user namespace), fuse-overlayfs as fallback'
vfs\t'Plain copies of the layers: slow, works everywhere'"
complete -c rctl -n "__fish_rctl_using_subcommand untag" -l storage-opt -d 'Storage option: overlay.mount_program=PATH mounts overlays with a FUSE program (fuse-overlayfs) instead of the kernel' -r
complete -c rctl -n "__fish_rctl_using_subcommand untag" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rctl -n "__fish_rctl_using_subcommand rmi" -l root -d 'Path of the persistent store (images, layers, containers)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand rmi" -l runroot -d 'Path of the run-time state (pids, sockets)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand rmi" -l log-level -d 'How much to log on standard error' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rctl -n "__fish_rctl_using_subcommand rmi" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "overlay\t'Kernel overlayfs (also in a user namespace), fuse-overlayfs as fallback'
vfs\t'Plain copies of the layers: slow, works everywhere'"
complete -c rctl -n "__fish_rctl_using_subcommand rmi" -l storage-opt -d 'Storage option: overlay.mount_program=PATH mounts overlays with a FUSE program (fuse-overlayfs) instead of the kernel' -r
complete -c rctl -n "__fish_rctl_using_subcommand rmi" -s a -l all -d 'Remove every image'
complete -c rctl -n "__fish_rctl_using_subcommand rmi" -s f -l force -d 'Remove the image even when it has several names, or is in use'
complete -c rctl -n "__fish_rctl_using_subcommand rmi" -s i -l ignore -d 'Do not fail for images that do not exist'
complete -c rctl -n "__fish_rctl_using_subcommand rmi" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rctl -n "__fish_rctl_using_subcommand history" -s H -l human -d 'Show sizes and dates for humans' -r -f -a "true\t''
false\t''"
complete -c rctl -n "__fish_rctl_using_subcommand history" -l format -d 'Print with a Go template, or `json`' -r
complete -c rctl -n "__fish_rctl_using_subcommand history" -l root -d 'Path of the persistent store (images, layers, containers)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand history" -l runroot -d 'Path of the run-time state (pids, sockets)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand history" -l log-level -d 'How much to log on standard error' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rctl -n "__fish_rctl_using_subcommand history" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "overlay\t'Kernel overlayfs (also in a user namespace), fuse-overlayfs as fallback'
vfs\t'Plain copies of the layers: slow, works everywhere'"
complete -c rctl -n "__fish_rctl_using_subcommand history" -l storage-opt -d 'Storage option: overlay.mount_program=PATH mounts overlays with a FUSE program (fuse-overlayfs) instead of the kernel' -r
complete -c rctl -n "__fish_rctl_using_subcommand history" -l no-trunc -d 'Do not shorten ids and instructions'
complete -c rctl -n "__fish_rctl_using_subcommand history" -s q -l quiet -d 'Show only ids'
complete -c rctl -n "__fish_rctl_using_subcommand history" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rctl -n "__fish_rctl_using_subcommand inspect" -s f -l format -d 'Print with a Go template instead of JSON' -r
complete -c rctl -n "__fish_rctl_using_subcommand inspect" -s t -l type -d 'Which kind of object to look for' -r -f -a "all\t''
container\t''
image\t''"
complete -c rctl -n "__fish_rctl_using_subcommand inspect" -l root -d 'Path of the persistent store (images, layers, containers)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand inspect" -l runroot -d 'Path of the run-time state (pids, sockets)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand inspect" -l log-level -d 'How much to log on standard error' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rctl -n "__fish_rctl_using_subcommand inspect" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "overlay\t'Kernel overlayfs (also in a user namespace), fuse-overlayfs as fallback'
vfs\t'Plain copies of the layers: slow, works everywhere'"
complete -c rctl -n "__fish_rctl_using_subcommand inspect" -l storage-opt -d 'Storage option: overlay.mount_program=PATH mounts overlays with a FUSE program (fuse-overlayfs) instead of the kernel' -r
complete -c rctl -n "__fish_rctl_using_subcommand inspect" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rctl -n "__fish_rctl_using_subcommand system; and not __fish_seen_subcommand_from df check reset help" -l root -d 'Path of the persistent store (images, layers, containers)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand system; and not __fish_seen_subcommand_from df check reset help" -l runroot -d 'Path of the run-time state (pids, sockets)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand system; and not __fish_seen_subcommand_from df check reset help" -l log-level -d 'How much to log on standard error' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rctl -n "__fish_rctl_using_subcommand system; and not __fish_seen_subcommand_from df check reset help" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "overlay\t'Kernel overlayfs (also in a user namespace), fuse-overlayfs as fallback'
vfs\t'Plain copies of the layers: slow, works everywhere'"
complete -c rctl -n "__fish_rctl_using_subcommand system; and not __fish_seen_subcommand_from df check reset help" -l storage-opt -d 'Storage option: overlay.mount_program=PATH mounts overlays with a FUSE program (fuse-overlayfs) instead of the kernel' -r
complete -c rctl -n "__fish_rctl_using_subcommand system; and not __fish_seen_subcommand_from df check reset help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rctl -n "__fish_rctl_using_subcommand system; and not __fish_seen_subcommand_from df check reset help" -f -a "df" -d 'Show disk use of images, containers and volumes'
complete -c rctl -n "__fish_rctl_using_subcommand system; and not __fish_seen_subcommand_from df check reset help" -f -a "check" -d 'Verify the store; with --repair, remove what is broken'
complete -c rctl -n "__fish_rctl_using_subcommand system; and not __fish_seen_subcommand_from df check reset help" -f -a "reset" -d 'Remove all images, containers and volumes: a fresh store'
complete -c rctl -n "__fish_rctl_using_subcommand system; and not __fish_seen_subcommand_from df check reset help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rctl -n "__fish_rctl_using_subcommand system; and __fish_seen_subcommand_from df" -l format -d 'Print with a Go template, or `json`' -r
complete -c rctl -n "__fish_rctl_using_subcommand system; and __fish_seen_subcommand_from df" -l root -d 'Path of the persistent store (images, layers, containers)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand system; and __fish_seen_subcommand_from df" -l runroot -d 'Path of the run-time state (pids, sockets)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand system; and __fish_seen_subcommand_from df" -l log-level -d 'How much to log on standard error' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rctl -n "__fish_rctl_using_subcommand system; and __fish_seen_subcommand_from df" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "overlay\t'Kernel overlayfs (also in a user namespace), fuse-overlayfs as fallback'
vfs\t'Plain copies of the layers: slow, works everywhere'"
complete -c rctl -n "__fish_rctl_using_subcommand system; and __fish_seen_subcommand_from df" -l storage-opt -d 'Storage option: overlay.mount_program=PATH mounts overlays with a FUSE program (fuse-overlayfs) instead of the kernel' -r
complete -c rctl -n "__fish_rctl_using_subcommand system; and __fish_seen_subcommand_from df" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rctl -n "__fish_rctl_using_subcommand system; and __fish_seen_subcommand_from check" -s m -l max -d 'Age from which a layer no image uses is a problem (kept until then for an interrupted pull or load to reuse): 24h, 30m, 0s' -r
complete -c rctl -n "__fish_rctl_using_subcommand system; and __fish_seen_subcommand_from check" -l root -d 'Path of the persistent store (images, layers, containers)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand system; and __fish_seen_subcommand_from check" -l runroot -d 'Path of the run-time state (pids, sockets)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand system; and __fish_seen_subcommand_from check" -l log-level -d 'How much to log on standard error' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rctl -n "__fish_rctl_using_subcommand system; and __fish_seen_subcommand_from check" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "overlay\t'Kernel overlayfs (also in a user namespace), fuse-overlayfs as fallback'
vfs\t'Plain copies of the layers: slow, works everywhere'"
complete -c rctl -n "__fish_rctl_using_subcommand system; and __fish_seen_subcommand_from check" -l storage-opt -d 'Storage option: overlay.mount_program=PATH mounts overlays with a FUSE program (fuse-overlayfs) instead of the kernel' -r
complete -c rctl -n "__fish_rctl_using_subcommand system; and __fish_seen_subcommand_from check" -s r -l repair -d 'Remove what is broken or unused, and say what'
complete -c rctl -n "__fish_rctl_using_subcommand system; and __fish_seen_subcommand_from check" -s q -l quick -d 'Skip verifying layer contents against their digests'
complete -c rctl -n "__fish_rctl_using_subcommand system; and __fish_seen_subcommand_from check" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rctl -n "__fish_rctl_using_subcommand system; and __fish_seen_subcommand_from reset" -l root -d 'Path of the persistent store (images, layers, containers)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand system; and __fish_seen_subcommand_from reset" -l runroot -d 'Path of the run-time state (pids, sockets)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand system; and __fish_seen_subcommand_from reset" -l log-level -d 'How much to log on standard error' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rctl -n "__fish_rctl_using_subcommand system; and __fish_seen_subcommand_from reset" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "overlay\t'Kernel overlayfs (also in a user namespace), fuse-overlayfs as fallback'
vfs\t'Plain copies of the layers: slow, works everywhere'"
complete -c rctl -n "__fish_rctl_using_subcommand system; and __fish_seen_subcommand_from reset" -l storage-opt -d 'Storage option: overlay.mount_program=PATH mounts overlays with a FUSE program (fuse-overlayfs) instead of the kernel' -r
complete -c rctl -n "__fish_rctl_using_subcommand system; and __fish_seen_subcommand_from reset" -s f -l force -d 'Do not ask for confirmation'
complete -c rctl -n "__fish_rctl_using_subcommand system; and __fish_seen_subcommand_from reset" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rctl -n "__fish_rctl_using_subcommand system; and __fish_seen_subcommand_from help" -f -a "df" -d 'Show disk use of images, containers and volumes'
complete -c rctl -n "__fish_rctl_using_subcommand system; and __fish_seen_subcommand_from help" -f -a "check" -d 'Verify the store; with --repair, remove what is broken'
complete -c rctl -n "__fish_rctl_using_subcommand system; and __fish_seen_subcommand_from help" -f -a "reset" -d 'Remove all images, containers and volumes: a fresh store'
complete -c rctl -n "__fish_rctl_using_subcommand system; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rctl -n "__fish_rctl_using_subcommand completion" -l root -d 'Path of the persistent store (images, layers, containers)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand completion" -l runroot -d 'Path of the run-time state (pids, sockets)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand completion" -l log-level -d 'How much to log on standard error' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rctl -n "__fish_rctl_using_subcommand completion" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "overlay\t'Kernel overlayfs (also in a user namespace), fuse-overlayfs as fallback'
vfs\t'Plain copies of the layers: slow, works everywhere'"
complete -c rctl -n "__fish_rctl_using_subcommand completion" -l storage-opt -d 'Storage option: overlay.mount_program=PATH mounts overlays with a FUSE program (fuse-overlayfs) instead of the kernel' -r
complete -c rctl -n "__fish_rctl_using_subcommand completion" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rctl -n "__fish_rctl_using_subcommand unshare" -l root -d 'Path of the persistent store (images, layers, containers)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand unshare" -l runroot -d 'Path of the run-time state (pids, sockets)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand unshare" -l log-level -d 'How much to log on standard error' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rctl -n "__fish_rctl_using_subcommand unshare" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "overlay\t'Kernel overlayfs (also in a user namespace), fuse-overlayfs as fallback'
vfs\t'Plain copies of the layers: slow, works everywhere'"
complete -c rctl -n "__fish_rctl_using_subcommand unshare" -l storage-opt -d 'Storage option: overlay.mount_program=PATH mounts overlays with a FUSE program (fuse-overlayfs) instead of the kernel' -r
complete -c rctl -n "__fish_rctl_using_subcommand unshare" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rctl -n "__fish_rctl_using_subcommand __monitor" -l ready-fd -d 'Descriptor of the pipe to report readiness on' -r
complete -c rctl -n "__fish_rctl_using_subcommand __monitor" -l root -d 'Path of the persistent store (images, layers, containers)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand __monitor" -l runroot -d 'Path of the run-time state (pids, sockets)' -r -F
complete -c rctl -n "__fish_rctl_using_subcommand __monitor" -l log-level -d 'How much to log on standard error' -r -f -a "trace\t''
debug\t''
info\t''
warn\t''
warning\t''
error\t''
fatal\t''
panic\t''"
complete -c rctl -n "__fish_rctl_using_subcommand __monitor" -l storage-driver -d 'Storage driver for container root filesystems' -r -f -a "overlay\t'Kernel overlayfs (also in a user namespace), fuse-overlayfs as fallback'
vfs\t'Plain copies of the layers: slow, works everywhere'"
complete -c rctl -n "__fish_rctl_using_subcommand __monitor" -l storage-opt -d 'Storage option: overlay.mount_program=PATH mounts overlays with a FUSE program (fuse-overlayfs) instead of the kernel' -r
complete -c rctl -n "__fish_rctl_using_subcommand __monitor" -l wait-for-attach -d 'Start the container only once a client attaches'
complete -c rctl -n "__fish_rctl_using_subcommand __monitor" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c rctl -n "__fish_rctl_using_subcommand help; and not __fish_seen_subcommand_from image container network volume run create start stop restart kill rm ps logs wait attach exec rename cp top stats port diff commit export update pause unpause mount unmount images build pull push login logout load save import tag untag rmi history inspect system completion unshare __monitor help" -f -a "image" -d 'Manage images'
complete -c rctl -n "__fish_rctl_using_subcommand help; and not __fish_seen_subcommand_from image container network volume run create start stop restart kill rm ps logs wait attach exec rename cp top stats port diff commit export update pause unpause mount unmount images build pull push login logout load save import tag untag rmi history inspect system completion unshare __monitor help" -f -a "container" -d 'Manage containers'
complete -c rctl -n "__fish_rctl_using_subcommand help; and not __fish_seen_subcommand_from image container network volume run create start stop restart kill rm ps logs wait attach exec rename cp top stats port diff commit export update pause unpause mount unmount images build pull push login logout load save import tag untag rmi history inspect system completion unshare __monitor help" -f -a "network" -d 'Manage networks'
complete -c rctl -n "__fish_rctl_using_subcommand help; and not __fish_seen_subcommand_from image container network volume run create start stop restart kill rm ps logs wait attach exec rename cp top stats port diff commit export update pause unpause mount unmount images build pull push login logout load save import tag untag rmi history inspect system completion unshare __monitor help" -f -a "volume" -d 'Manage volumes'
complete -c rctl -n "__fish_rctl_using_subcommand help; and not __fish_seen_subcommand_from image container network volume run create start stop restart kill rm ps logs wait attach exec rename cp top stats port diff commit export update pause unpause mount unmount images build pull push login logout load save import tag untag rmi history inspect system completion unshare __monitor help" -f -a "run" -d 'Run a command in a new container'
complete -c rctl -n "__fish_rctl_using_subcommand help; and not __fish_seen_subcommand_from image container network volume run create start stop restart kill rm ps logs wait attach exec rename cp top stats port diff commit export update pause unpause mount unmount images build pull push login logout load save import tag untag rmi history inspect system completion unshare __monitor help" -f -a "create" -d 'Create a container without starting it'
complete -c rctl -n "__fish_rctl_using_subcommand help; and not __fish_seen_subcommand_from image container network volume run create start stop restart kill rm ps logs wait attach exec rename cp top stats port diff commit export update pause unpause mount unmount images build pull push login logout load save import tag untag rmi history inspect system completion unshare __monitor help" -f -a "start" -d 'Start containers'
complete -c rctl -n "__fish_rctl_using_subcommand help; and not __fish_seen_subcommand_from image container network volume run create start stop restart kill rm ps logs wait attach exec rename cp top stats port diff commit export update pause unpause mount unmount images build pull push login logout load save import tag untag rmi history inspect system completion unshare __monitor help" -f -a "stop" -d 'Stop containers'
complete -c rctl -n "__fish_rctl_using_subcommand help; and not __fish_seen_subcommand_from image container network volume run create start stop restart kill rm ps logs wait attach exec rename cp top stats port diff commit export update pause unpause mount unmount images build pull push login logout load save import tag untag rmi history inspect system completion unshare __monitor help" -f -a "restart" -d 'Restart containers'
complete -c rctl -n "__fish_rctl_using_subcommand help; and not __fish_seen_subcommand_from image container network volume run create start stop restart kill rm ps logs wait attach exec rename cp top stats port diff commit export update pause unpause mount unmount images build pull push login logout load save import tag untag rmi history inspect system completion unshare __monitor help" -f -a "kill" -d 'Send a signal to containers'
complete -c rctl -n "__fish_rctl_using_subcommand help; and not __fish_seen_subcommand_from image container network volume run create start stop restart kill rm ps logs wait attach exec rename cp top stats port diff commit export update pause unpause mount unmount images build pull push login logout load save import tag untag rmi history inspect system completion unshare __monitor help" -f -a "rm" -d 'Remove containers'
complete -c rctl -n "__fish_rctl_using_subcommand help; and not __fish_seen_subcommand_from image container network volume run create start stop restart kill rm ps logs wait attach exec rename cp top stats port diff commit export update pause unpause mount unmount images build pull push login logout load save import tag untag rmi history inspect system completion unshare __monitor help" -f -a "ps" -d 'List containers'
complete -c rctl -n "__fish_rctl_using_subcommand help; and not __fish_seen_subcommand_from image container network volume run create start stop restart kill rm ps logs wait attach exec rename cp top stats port diff commit export update pause unpause mount unmount images build pull push login logout load save import tag untag rmi history inspect system completion unshare __monitor help" -f -a "logs" -d 'Show a container\'s output'
complete -c rctl -n "__fish_rctl_using_subcommand help; and not __fish_seen_subcommand_from image container network volume run create start stop restart kill rm ps logs wait attach exec rename cp top stats port diff commit export update pause unpause mount unmount images build pull push login logout load save import tag untag rmi history inspect system completion unshare __monitor help" -f -a "wait" -d 'Wait for containers to exit and print their exit codes'
complete -c rctl -n "__fish_rctl_using_subcommand help; and not __fish_seen_subcommand_from image container network volume run create start stop restart kill rm ps logs wait attach exec rename cp top stats port diff commit export update pause unpause mount unmount images build pull push login logout load save import tag untag rmi history inspect system completion unshare __monitor help" -f -a "attach" -d 'Attach to a running container'
complete -c rctl -n "__fish_rctl_using_subcommand help; and not __fish_seen_subcommand_from image container network volume run create start stop restart kill rm ps logs wait attach exec rename cp top stats port diff commit export update pause unpause mount unmount images build pull push login logout load save import tag untag rmi history inspect system completion unshare __monitor help" -f -a "exec" -d 'Run a command in a running container'
complete -c rctl -n "__fish_rctl_using_subcommand help; and not __fish_seen_subcommand_from image container network volume run create start stop restart kill rm ps logs wait attach exec rename cp top stats port diff commit export update pause unpause mount unmount images build pull push login logout load save import tag untag rmi history inspect system completion unshare __monitor help" -f -a "rename" -d 'Rename a container'
complete -c rctl -n "__fish_rctl_using_subcommand help; and not __fish_seen_subcommand_from image container network volume run create start stop restart kill rm ps logs wait attach exec rename cp top stats port diff commit export update pause unpause mount unmount images build pull push login logout load save import tag untag rmi history inspect system completion unshare __monitor help" -f -a "cp" -d 'Copy files between a container and the host'
complete -c rctl -n "__fish_rctl_using_subcommand help; and not __fish_seen_subcommand_from image container network volume run create start stop restart kill rm ps logs wait attach exec rename cp top stats port diff commit export update pause unpause mount unmount images build pull push login logout load save import tag untag rmi history inspect system completion unshare __monitor help" -f -a "top" -d 'Show the processes of a container'
complete -c rctl -n "__fish_rctl_using_subcommand help; and not __fish_seen_subcommand_from image container network volume run create start stop restart kill rm ps logs wait attach exec rename cp top stats port diff commit export update pause unpause mount unmount images build pull push login logout load save import tag untag rmi history inspect system completion unshare __monitor help" -f -a "stats" -d 'Show containers\' CPU, memory, network, block I/O and process use'
complete -c rctl -n "__fish_rctl_using_subcommand help; and not __fish_seen_subcommand_from image container network volume run create start stop restart kill rm ps logs wait attach exec rename cp top stats port diff commit export update pause unpause mount unmount images build pull push login logout load save import tag untag rmi history inspect system completion unshare __monitor help" -f -a "port" -d 'List a container\'s published ports'
complete -c rctl -n "__fish_rctl_using_subcommand help; and not __fish_seen_subcommand_from image container network volume run create start stop restart kill rm ps logs wait attach exec rename cp top stats port diff commit export update pause unpause mount unmount images build pull push login logout load save import tag untag rmi history inspect system completion unshare __monitor help" -f -a "diff" -d 'Show what a container (or an image\'s top layer) changed'
complete -c rctl -n "__fish_rctl_using_subcommand help; and not __fish_seen_subcommand_from image container network volume run create start stop restart kill rm ps logs wait attach exec rename cp top stats port diff commit export update pause unpause mount unmount images build pull push login logout load save import tag untag rmi history inspect system completion unshare __monitor help" -f -a "commit" -d 'Make an image of a container\'s changes'
complete -c rctl -n "__fish_rctl_using_subcommand help; and not __fish_seen_subcommand_from image container network volume run create start stop restart kill rm ps logs wait attach exec rename cp top stats port diff commit export update pause unpause mount unmount images build pull push login logout load save import tag untag rmi history inspect system completion unshare __monitor help" -f -a "export" -d 'Write a container\'s filesystem as a tar archive'
complete -c rctl -n "__fish_rctl_using_subcommand help; and not __fish_seen_subcommand_from image container network volume run create start stop restart kill rm ps logs wait attach exec rename cp top stats port diff commit export update pause unpause mount unmount images build pull push login logout load save import tag untag rmi history inspect system completion unshare __monitor help" -f -a "update" -d 'Change a container\'s resource limits'
complete -c rctl -n "__fish_rctl_using_subcommand help; and not __fish_seen_subcommand_from image container network volume run create start stop restart kill rm ps logs wait attach exec rename cp top stats port diff commit export update pause unpause mount unmount images build pull push login logout load save import tag untag rmi history inspect system completion unshare __monitor help" -f -a "pause" -d 'Freeze every process of containers'
complete -c rctl -n "__fish_rctl_using_subcommand help; and not __fish_seen_subcommand_from image container network volume run create start stop restart kill rm ps logs wait attach exec rename cp top stats port diff commit export update pause unpause mount unmount images build pull push login logout load save import tag untag rmi history inspect system completion unshare __monitor help" -f -a "unpause" -d 'Thaw paused containers'
complete -c rctl -n "__fish_rctl_using_subcommand help; and not __fish_seen_subcommand_from image container network volume run create start stop restart kill rm ps logs wait attach exec rename cp top stats port diff commit export update pause unpause mount unmount images build pull push login logout load save import tag untag rmi history inspect system completion unshare __monitor help" -f -a "mount" -d 'Mount a container\'s root filesystem on the host (root only)'
complete -c rctl -n "__fish_rctl_using_subcommand help; and not __fish_seen_subcommand_from image container network volume run create start stop restart kill rm ps logs wait attach exec rename cp top stats port diff commit export update pause unpause mount unmount images build pull push login logout load save import tag untag rmi history inspect system completion unshare __monitor help" -f -a "unmount" -d 'Unmount a container\'s root filesystem from the host'
complete -c rctl -n "__fish_rctl_using_subcommand help; and not __fish_seen_subcommand_from image container network volume run create start stop restart kill rm ps logs wait attach exec rename cp top stats port diff commit export update pause unpause mount unmount images build pull push login logout load save import tag untag rmi history inspect system completion unshare __monitor help" -f -a "images" -d 'List images (same as `image ls`)'
complete -c rctl -n "__fish_rctl_using_subcommand help; and not __fish_seen_subcommand_from image container network volume run create start stop restart kill rm ps logs wait attach exec rename cp top stats port diff commit export update pause unpause mount unmount images build pull push login logout load save import tag untag rmi history inspect system completion unshare __monitor help" -f -a "build" -d 'Build an image from a Containerfile (same as `image build`)'
complete -c rctl -n "__fish_rctl_using_subcommand help; and not __fish_seen_subcommand_from image container network volume run create start stop restart kill rm ps logs wait attach exec rename cp top stats port diff commit export update pause unpause mount unmount images build pull push login logout load save import tag untag rmi history inspect system completion unshare __monitor help" -f -a "pull" -d 'Pull images from a registry (same as `image pull`)'
complete -c rctl -n "__fish_rctl_using_subcommand help; and not __fish_seen_subcommand_from image container network volume run create start stop restart kill rm ps logs wait attach exec rename cp top stats port diff commit export update pause unpause mount unmount images build pull push login logout load save import tag untag rmi history inspect system completion unshare __monitor help" -f -a "push" -d 'Push an image to a registry (same as `image push`)'
complete -c rctl -n "__fish_rctl_using_subcommand help; and not __fish_seen_subcommand_from image container network volume run create start stop restart kill rm ps logs wait attach exec rename cp top stats port diff commit export update pause unpause mount unmount images build pull push login logout load save import tag untag rmi history inspect system completion unshare __monitor help" -f -a "login" -d 'Log in to a registry'
complete -c rctl -n "__fish_rctl_using_subcommand help; and not __fish_seen_subcommand_from image container network volume run create start stop restart kill rm ps logs wait attach exec rename cp top stats port diff commit export update pause unpause mount unmount images build pull push login logout load save import tag untag rmi history inspect system completion unshare __monitor help" -f -a "logout" -d 'Log out of a registry'
complete -c rctl -n "__fish_rctl_using_subcommand help; and not __fish_seen_subcommand_from image container network volume run create start stop restart kill rm ps logs wait attach exec rename cp top stats port diff commit export update pause unpause mount unmount images build pull push login logout load save import tag untag rmi history inspect system completion unshare __monitor help" -f -a "load" -d 'Load images from an archive (same as `image load`)'
complete -c rctl -n "__fish_rctl_using_subcommand help; and not __fish_seen_subcommand_from image container network volume run create start stop restart kill rm ps logs wait attach exec rename cp top stats port diff commit export update pause unpause mount unmount images build pull push login logout load save import tag untag rmi history inspect system completion unshare __monitor help" -f -a "save" -d 'Save images to an archive (same as `image save`)'
complete -c rctl -n "__fish_rctl_using_subcommand help; and not __fish_seen_subcommand_from image container network volume run create start stop restart kill rm ps logs wait attach exec rename cp top stats port diff commit export update pause unpause mount unmount images build pull push login logout load save import tag untag rmi history inspect system completion unshare __monitor help" -f -a "import" -d 'Import a root filesystem tarball as an image (same as `image import`)'
complete -c rctl -n "__fish_rctl_using_subcommand help; and not __fish_seen_subcommand_from image container network volume run create start stop restart kill rm ps logs wait attach exec rename cp top stats port diff commit export update pause unpause mount unmount images build pull push login logout load save import tag untag rmi history inspect system completion unshare __monitor help" -f -a "tag" -d 'Add names to an image (same as `image tag`)'
complete -c rctl -n "__fish_rctl_using_subcommand help; and not __fish_seen_subcommand_from image container network volume run create start stop restart kill rm ps logs wait attach exec rename cp top stats port diff commit export update pause unpause mount unmount images build pull push login logout load save import tag untag rmi history inspect system completion unshare __monitor help" -f -a "untag" -d 'Remove names from an image (same as `image untag`)'
complete -c rctl -n "__fish_rctl_using_subcommand help; and not __fish_seen_subcommand_from image container network volume run create start stop restart kill rm ps logs wait attach exec rename cp top stats port diff commit export update pause unpause mount unmount images build pull push login logout load save import tag untag rmi history inspect system completion unshare __monitor help" -f -a "rmi" -d 'Remove images (same as `image rm`)'
complete -c rctl -n "__fish_rctl_using_subcommand help; and not __fish_seen_subcommand_from image container network volume run create start stop restart kill rm ps logs wait attach exec rename cp top stats port diff commit export update pause unpause mount unmount images build pull push login logout load save import tag untag rmi history inspect system completion unshare __monitor help" -f -a "history" -d 'Show the history of an image (same as `image history`)'
complete -c rctl -n "__fish_rctl_using_subcommand help; and not __fish_seen_subcommand_from image container network volume run create start stop restart kill rm ps logs wait attach exec rename cp top stats port diff commit export update pause unpause mount unmount images build pull push login logout load save import tag untag rmi history inspect system completion unshare __monitor help" -f -a "inspect" -d 'Show details of containers and images'
complete -c rctl -n "__fish_rctl_using_subcommand help; and not __fish_seen_subcommand_from image container network volume run create start stop restart kill rm ps logs wait attach exec rename cp top stats port diff commit export update pause unpause mount unmount images build pull push login logout load save import tag untag rmi history inspect system completion unshare __monitor help" -f -a "system" -d 'Manage rctl itself: disk use, store checks, reset'
complete -c rctl -n "__fish_rctl_using_subcommand help; and not __fish_seen_subcommand_from image container network volume run create start stop restart kill rm ps logs wait attach exec rename cp top stats port diff commit export update pause unpause mount unmount images build pull push login logout load save import tag untag rmi history inspect system completion unshare __monitor help" -f -a "completion" -d 'Print shell completions'
complete -c rctl -n "__fish_rctl_using_subcommand help; and not __fish_seen_subcommand_from image container network volume run create start stop restart kill rm ps logs wait attach exec rename cp top stats port diff commit export update pause unpause mount unmount images build pull push login logout load save import tag untag rmi history inspect system completion unshare __monitor help" -f -a "unshare" -d 'Run a command in rootless rctl\'s user namespace'
complete -c rctl -n "__fish_rctl_using_subcommand help; and not __fish_seen_subcommand_from image container network volume run create start stop restart kill rm ps logs wait attach exec rename cp top stats port diff commit export update pause unpause mount unmount images build pull push login logout load save import tag untag rmi history inspect system completion unshare __monitor help" -f -a "__monitor" -d 'A container\'s monitor (started by rctl itself)'
complete -c rctl -n "__fish_rctl_using_subcommand help; and not __fish_seen_subcommand_from image container network volume run create start stop restart kill rm ps logs wait attach exec rename cp top stats port diff commit export update pause unpause mount unmount images build pull push login logout load save import tag untag rmi history inspect system completion unshare __monitor help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c rctl -n "__fish_rctl_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "ls" -d 'List images'
complete -c rctl -n "__fish_rctl_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "load" -d 'Load images from an archive'
complete -c rctl -n "__fish_rctl_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "save" -d 'Save images to an archive'
complete -c rctl -n "__fish_rctl_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "import" -d 'Import a root filesystem tarball as an image'
complete -c rctl -n "__fish_rctl_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "tag" -d 'Add names to an image'
complete -c rctl -n "__fish_rctl_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "untag" -d 'Remove names from an image'
complete -c rctl -n "__fish_rctl_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "rm" -d 'Remove images'
complete -c rctl -n "__fish_rctl_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "inspect" -d 'Show details of images'
complete -c rctl -n "__fish_rctl_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "history" -d 'Show the history of an image'
complete -c rctl -n "__fish_rctl_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "prune" -d 'Remove unused images'
complete -c rctl -n "__fish_rctl_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "build" -d 'Build an image from a Containerfile'
complete -c rctl -n "__fish_rctl_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "pull" -d 'Pull images from a registry'
complete -c rctl -n "__fish_rctl_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "push" -d 'Push an image to a registry'
complete -c rctl -n "__fish_rctl_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "exists" -d 'Exit 0 if an image is in the store, 1 if not'
complete -c rctl -n "__fish_rctl_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "run" -d 'Run a command in a new container'
complete -c rctl -n "__fish_rctl_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "create" -d 'Create a container without starting it'
complete -c rctl -n "__fish_rctl_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "start" -d 'Start containers'
complete -c rctl -n "__fish_rctl_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "stop" -d 'Stop containers'
complete -c rctl -n "__fish_rctl_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "restart" -d 'Restart containers'
complete -c rctl -n "__fish_rctl_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "kill" -d 'Send a signal to containers'
complete -c rctl -n "__fish_rctl_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "rm" -d 'Remove containers'
complete -c rctl -n "__fish_rctl_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "ls" -d 'List containers'
complete -c rctl -n "__fish_rctl_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "logs" -d 'Show a container\'s output'
complete -c rctl -n "__fish_rctl_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "wait" -d 'Wait for containers to exit and print their exit codes'
complete -c rctl -n "__fish_rctl_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "attach" -d 'Attach to a running container'
complete -c rctl -n "__fish_rctl_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "exec" -d 'Run a command in a running container'
complete -c rctl -n "__fish_rctl_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "inspect" -d 'Show details of containers'
complete -c rctl -n "__fish_rctl_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "rename" -d 'Rename a container'
complete -c rctl -n "__fish_rctl_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "prune" -d 'Remove all stopped containers'
complete -c rctl -n "__fish_rctl_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "exists" -d 'Exit 0 if a container exists, 1 if not'
complete -c rctl -n "__fish_rctl_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "cp" -d 'Copy files between a container and the host'
complete -c rctl -n "__fish_rctl_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "top" -d 'Show the processes of a container'
complete -c rctl -n "__fish_rctl_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "stats" -d 'Show containers\' CPU, memory, network, block I/O and process use'
complete -c rctl -n "__fish_rctl_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "port" -d 'List a container\'s published ports'
complete -c rctl -n "__fish_rctl_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "diff" -d 'Show what a container changed in its filesystem'
complete -c rctl -n "__fish_rctl_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "commit" -d 'Make an image of a container\'s changes'
complete -c rctl -n "__fish_rctl_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "export" -d 'Write a container\'s filesystem as a tar archive'
complete -c rctl -n "__fish_rctl_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "update" -d 'Change a container\'s resource limits'
complete -c rctl -n "__fish_rctl_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "pause" -d 'Freeze every process of containers'
complete -c rctl -n "__fish_rctl_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "unpause" -d 'Thaw paused containers'
complete -c rctl -n "__fish_rctl_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "mount" -d 'Mount a container\'s root filesystem on the host (root only)'
complete -c rctl -n "__fish_rctl_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "unmount" -d 'Unmount a container\'s root filesystem from the host'
complete -c rctl -n "__fish_rctl_using_subcommand help; and __fish_seen_subcommand_from network" -f -a "create" -d 'Create a network'
complete -c rctl -n "__fish_rctl_using_subcommand help; and __fish_seen_subcommand_from network" -f -a "connect" -d 'Connect a container to a network'
complete -c rctl -n "__fish_rctl_using_subcommand help; and __fish_seen_subcommand_from network" -f -a "disconnect" -d 'Disconnect a container from a network'
complete -c rctl -n "__fish_rctl_using_subcommand help; and __fish_seen_subcommand_from network" -f -a "ls" -d 'List networks'
complete -c rctl -n "__fish_rctl_using_subcommand help; and __fish_seen_subcommand_from network" -f -a "inspect" -d 'Show details of networks'
complete -c rctl -n "__fish_rctl_using_subcommand help; and __fish_seen_subcommand_from network" -f -a "rm" -d 'Remove networks'
complete -c rctl -n "__fish_rctl_using_subcommand help; and __fish_seen_subcommand_from network" -f -a "prune" -d 'Remove networks no container uses'
complete -c rctl -n "__fish_rctl_using_subcommand help; and __fish_seen_subcommand_from network" -f -a "exists" -d 'Exit 0 if a network exists, 1 if not'
complete -c rctl -n "__fish_rctl_using_subcommand help; and __fish_seen_subcommand_from volume" -f -a "create" -d 'Create a volume'
complete -c rctl -n "__fish_rctl_using_subcommand help; and __fish_seen_subcommand_from volume" -f -a "ls" -d 'List volumes'
complete -c rctl -n "__fish_rctl_using_subcommand help; and __fish_seen_subcommand_from volume" -f -a "inspect" -d 'Show details of volumes'
complete -c rctl -n "__fish_rctl_using_subcommand help; and __fish_seen_subcommand_from volume" -f -a "rm" -d 'Remove volumes'
complete -c rctl -n "__fish_rctl_using_subcommand help; and __fish_seen_subcommand_from volume" -f -a "prune" -d 'Remove volumes no container uses'
complete -c rctl -n "__fish_rctl_using_subcommand help; and __fish_seen_subcommand_from volume" -f -a "exists" -d 'Exit 0 if a volume exists, 1 if not'
complete -c rctl -n "__fish_rctl_using_subcommand help; and __fish_seen_subcommand_from system" -f -a "df" -d 'Show disk use of images, containers and volumes'
complete -c rctl -n "__fish_rctl_using_subcommand help; and __fish_seen_subcommand_from system" -f -a "check" -d 'Verify the store; with --repair, remove what is broken'
complete -c rctl -n "__fish_rctl_using_subcommand help; and __fish_seen_subcommand_from system" -f -a "reset" -d 'Remove all images, containers and volumes: a fresh store'
