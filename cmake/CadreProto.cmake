# cadre_proto_library(<target> IMPORT_DIR <dir> PROTOS <file>...)
# Two static libraries generated from PROTOS, whose imports resolve under IMPORT_DIR:
#   <target>       the C++ messages, linking protobuf only (what domain code may use);
#   <target>_grpc  the gRPC stubs and service bases, linking <target> and gRPC.
# Generated headers go to <binary dir>/gen.
function(cadre_proto_library target)
  cmake_parse_arguments(ARG "" "IMPORT_DIR" "PROTOS" ${ARGN})
  set(gen_dir ${CMAKE_CURRENT_BINARY_DIR}/gen)
  file(MAKE_DIRECTORY ${gen_dir})

  add_library(${target} STATIC ${ARG_PROTOS})
  target_link_libraries(${target} PUBLIC protobuf::libprotobuf)
  target_include_directories(${target} PUBLIC ${gen_dir})
  protobuf_generate(TARGET ${target} LANGUAGE cpp
    IMPORT_DIRS ${ARG_IMPORT_DIR} PROTOC_OUT_DIR ${gen_dir})

  add_library(${target}_grpc STATIC)
  target_link_libraries(${target}_grpc PUBLIC ${target} gRPC::grpc++)
  get_target_property(grpc_cpp_plugin gRPC::grpc_cpp_plugin LOCATION)
  protobuf_generate(TARGET ${target}_grpc LANGUAGE grpc PROTOS ${ARG_PROTOS}
    GENERATE_EXTENSIONS .grpc.pb.h .grpc.pb.cc
    PLUGIN "protoc-gen-grpc=${grpc_cpp_plugin}"
    IMPORT_DIRS ${ARG_IMPORT_DIR} PROTOC_OUT_DIR ${gen_dir})
  # The stubs include the messages' headers, generated for the first target.
  add_dependencies(${target}_grpc ${target})
endfunction()
