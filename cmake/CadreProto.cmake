# cadre_proto_library(<target> IMPORT_DIR <dir> PROTOS <file>...)
# A static library of the C++ messages and gRPC stubs generated from PROTOS, whose
# imports resolve under IMPORT_DIR; generated headers go to <binary dir>/gen.
function(cadre_proto_library target)
  cmake_parse_arguments(ARG "" "IMPORT_DIR" "PROTOS" ${ARGN})
  add_library(${target} STATIC ${ARG_PROTOS})
  target_link_libraries(${target} PUBLIC protobuf::libprotobuf gRPC::grpc++)
  set(gen_dir ${CMAKE_CURRENT_BINARY_DIR}/gen)
  file(MAKE_DIRECTORY ${gen_dir})
  target_include_directories(${target} PUBLIC ${gen_dir})
  get_target_property(grpc_cpp_plugin gRPC::grpc_cpp_plugin LOCATION)
  protobuf_generate(TARGET ${target} LANGUAGE cpp
    IMPORT_DIRS ${ARG_IMPORT_DIR} PROTOC_OUT_DIR ${gen_dir})
  protobuf_generate(TARGET ${target} LANGUAGE grpc
    GENERATE_EXTENSIONS .grpc.pb.h .grpc.pb.cc
    PLUGIN "protoc-gen-grpc=${grpc_cpp_plugin}"
    IMPORT_DIRS ${ARG_IMPORT_DIR} PROTOC_OUT_DIR ${gen_dir})
endfunction()
